package org.ddlm.core;

/**
 * The one body mask (metrics.md section 5): pixels above {@link #THRESHOLD_HU} that are not padding, the largest
 * 8-connected region of them, and that region's holes filled (4-connected background that does not reach the
 * border). The steps are public so that a caller can stop early (the water-equivalent diameter keeps the holes) or
 * threshold other values (the noise mask thresholds a smoothed image, algorithms.md §6.2).
 */
public final class BodyMask {

    /** HU above which a pixel counts as body; the one threshold every module uses. */
    public static final double THRESHOLD_HU = -500.0;

    private static final int[][] EIGHT = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
    private static final int[][] FOUR = {{0, -1}, {-1, 0}, {1, 0}, {0, 1}};

    private BodyMask() {
    }

    /** The body mask of an image: largest 8-connected region above the threshold, padding excluded, holes filled. */
    public static boolean[] of(HuImage image) {
        return of(image.toDoubles(), image.width(), image.height(), image.padding());
    }

    /** The same mask over other values on a width x height grid (e.g. a smoothed image); padding may be null. */
    public static boolean[] of(double[] values, int width, int height, boolean[] padding) {
        return fillHoles(largestRegion(above(values, padding), width, height), width, height);
    }

    /** Pixels above the threshold that are not padding (null: none), before any connectivity. */
    public static boolean[] above(double[] values, boolean[] padding) {
        boolean[] fg = new boolean[values.length];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = (padding == null || !padding[i]) && values[i] > THRESHOLD_HU;
        }
        return fg;
    }

    /** The largest 8-connected component of {@code foreground} (the first one found on a tie); empty if none. */
    public static boolean[] largestRegion(boolean[] foreground, int width, int height) {
        int[] label = new int[foreground.length];
        int[] queue = new int[foreground.length];
        int best = 0;
        int bestSize = 0;
        int next = 0;
        for (int start = 0; start < foreground.length; start++) {
            if (!foreground[start] || label[start] != 0) {
                continue;
            }
            next++;
            int size = flood(foreground, true, label, next, start, width, height, EIGHT, queue);
            if (size > bestSize) {
                bestSize = size;
                best = next;
            }
        }
        boolean[] out = new boolean[foreground.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = best != 0 && label[i] == best;
        }
        return out;
    }

    /** Sets every background pixel not 4-connected to the border (a hole) to true; returns {@code mask}. */
    public static boolean[] fillHoles(boolean[] mask, int width, int height) {
        int[] label = new int[mask.length];
        int[] queue = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            int x = i % width;
            int y = i / width;
            boolean border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
            if (border && !mask[i] && label[i] == 0) {
                flood(mask, false, label, 1, i, width, height, FOUR, queue);
            }
        }
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i] && label[i] == 0) {
                mask[i] = true;
            }
        }
        return mask;
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

    /** Breadth-first fill of the pixels equal to {@code value} from {@code start}; returns the component size. */
    private static int flood(boolean[] img, boolean value, int[] label, int id, int start, int width, int height,
                             int[][] steps, int[] queue) {
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        label[start] = id;
        while (head < tail) {
            int p = queue[head++];
            int x = p % width;
            int y = p / width;
            for (int[] s : steps) {
                int nx = x + s[0];
                int ny = y + s[1];
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                    continue;
                }
                int q = ny * width + nx;
                if (img[q] == value && label[q] == 0) {
                    label[q] = id;
                    queue[tail++] = q;
                }
            }
        }
        return tail;
    }
}
