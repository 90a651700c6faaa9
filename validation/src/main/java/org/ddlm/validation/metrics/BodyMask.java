package org.ddlm.validation.metrics;

import org.ddlm.core.HuImage;

/**
 * The body mask of metrics.md section 5, built from the reference: HU &gt; -500, the largest 8-connected
 * component, then holes filled (4-connected background components that do not touch the border).
 */
public final class BodyMask {

    public static final double THRESHOLD_HU = -500.0;

    private static final int[][] EIGHT = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
    private static final int[][] FOUR = {{0, -1}, {-1, 0}, {1, 0}, {0, 1}};

    private BodyMask() {
    }

    public static boolean[] fromReference(HuImage reference) {
        int w = reference.width();
        int h = reference.height();
        boolean[] fg = new boolean[w * h];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = reference.hu()[i] > THRESHOLD_HU;
        }
        boolean[] body = largestComponent(fg, w, h);
        fillHoles(body, w, h);
        return body;
    }

    /** Fraction of pixels in the mask. */
    public static double fraction(boolean[] mask) {
        long n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return (double) n / mask.length;
    }

    static boolean[] largestComponent(boolean[] fg, int w, int h) {
        int[] label = new int[fg.length];
        int[] queue = new int[fg.length];
        int best = 0;
        int bestSize = 0;
        int next = 0;
        for (int start = 0; start < fg.length; start++) {
            if (!fg[start] || label[start] != 0) {
                continue;
            }
            next++;
            int size = flood(fg, true, label, next, start, w, h, EIGHT, queue);
            if (size > bestSize) {
                bestSize = size;
                best = next;
            }
        }
        boolean[] out = new boolean[fg.length];
        for (int i = 0; i < fg.length; i++) {
            out[i] = best != 0 && label[i] == best;
        }
        return out;
    }

    static void fillHoles(boolean[] mask, int w, int h) {
        int[] label = new int[mask.length];
        int[] queue = new int[mask.length];
        // Background reachable from the border (4-connected) is outside; every other background pixel is a hole.
        for (int i = 0; i < mask.length; i++) {
            int x = i % w;
            int y = i / w;
            boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1;
            if (border && !mask[i] && label[i] == 0) {
                flood(mask, false, label, 1, i, w, h, FOUR, queue);
            }
        }
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i] && label[i] == 0) {
                mask[i] = true;
            }
        }
    }

    /** Breadth-first fill of pixels whose value equals {@code value}; returns the component size. */
    private static int flood(boolean[] img, boolean value, int[] label, int id, int start, int w, int h,
                             int[][] steps, int[] queue) {
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        label[start] = id;
        while (head < tail) {
            int p = queue[head++];
            int x = p % w;
            int y = p / w;
            for (int[] s : steps) {
                int nx = x + s[0];
                int ny = y + s[1];
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    continue;
                }
                int q = ny * w + nx;
                if (img[q] == value && label[q] == 0) {
                    label[q] = id;
                    queue[tail++] = q;
                }
            }
        }
        return tail;
    }
}
