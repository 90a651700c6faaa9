package org.ddlm.validation.simulate;

import java.util.ArrayDeque;

/**
 * Water-equivalent diameter (AAPM Report 220, 2014): {@code D_w = 2 sqrt(sum (HU/1000 + 1) A_pixel / pi)} over the
 * body, taken as the largest 8-connected region above -500 HU (metrics.md section 5 threshold). Holes are not
 * filled: air inside the body adds about nothing to the sum anyway.
 */
public final class WaterEquivalentDiameter {

    private WaterEquivalentDiameter() {
    }

    public static double of(SpacedSlice slice) {
        boolean[] body = largestRegionAbove(slice, DoseSimulator.BODY_THRESHOLD_HU);
        double area = slice.rowSpacingMm() * slice.columnSpacingMm();
        double sum = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i]) {
                sum += slice.image().hu()[i] / 1000.0 + 1;
            }
        }
        return 2 * Math.sqrt(sum * area / Math.PI);
    }

    static boolean[] largestRegionAbove(SpacedSlice slice, double threshold) {
        int w = slice.image().width();
        int h = slice.image().height();
        int[] label = new int[w * h];
        int best = 0;
        int bestSize = 0;
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < label.length; start++) {
            if (label[start] != 0 || !above(slice, start, threshold)) {
                continue;
            }
            int id = ++next;
            int size = 0;
            label[start] = id;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                size++;
                int r = p / w;
                int c = p % w;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                            int q = rr * w + cc;
                            if (label[q] == 0 && above(slice, q, threshold)) {
                                label[q] = id;
                                queue.add(q);
                            }
                        }
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = id;
            }
        }
        boolean[] mask = new boolean[label.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = best != 0 && label[i] == best;
        }
        return mask;
    }

    private static boolean above(SpacedSlice slice, int i, double threshold) {
        return !slice.image().isPadding(i) && slice.image().hu()[i] > threshold;
    }
}
