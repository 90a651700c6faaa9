package org.ddlm.diffusion.ddlm;

/** Connected-component helpers for the body mask: largest 8-connected component, 4-connected hole filling. */
final class Components {

    private Components() {
    }

    static boolean[] largest8(boolean[] fg, int w, int h) {
        int[] label = new int[fg.length];
        int[] stack = new int[fg.length];
        int best = 0;
        int bestSize = 0;
        int id = 0;
        for (int seed = 0; seed < fg.length; seed++) {
            if (fg[seed] && label[seed] == 0) {
                id++;
                int size = fill(fg, true, label, id, seed, w, h, true, stack);
                if (size > bestSize) {
                    bestSize = size;
                    best = id;
                }
            }
        }
        boolean[] out = new boolean[fg.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = best != 0 && label[i] == best;
        }
        return out;
    }

    /** Background not 4-connected to the border becomes foreground. */
    static void fillHoles4(boolean[] mask, int w, int h) {
        int[] label = new int[mask.length];
        int[] stack = new int[mask.length];
        for (int x = 0; x < w; x++) {
            seedOutside(mask, label, x, w, h, stack);
            seedOutside(mask, label, (h - 1) * w + x, w, h, stack);
        }
        for (int y = 0; y < h; y++) {
            seedOutside(mask, label, y * w, w, h, stack);
            seedOutside(mask, label, y * w + w - 1, w, h, stack);
        }
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i] && label[i] == 0) {
                mask[i] = true;
            }
        }
    }

    private static void seedOutside(boolean[] mask, int[] label, int i, int w, int h, int[] stack) {
        if (!mask[i] && label[i] == 0) {
            fill(mask, false, label, 1, i, w, h, false, stack);
        }
    }

    /** Depth-first fill of pixels equal to {@code value}; returns the number of pixels labelled. */
    private static int fill(boolean[] img, boolean value, int[] label, int id, int seed, int w, int h,
                            boolean eight, int[] stack) {
        int top = 0;
        int count = 0;
        stack[top++] = seed;
        label[seed] = id;
        while (top > 0) {
            int p = stack[--top];
            count++;
            int x = p % w;
            int y = p / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) {
                        continue;
                    }
                    int nx = x + dx;
                    int ny = y + dy;
                    if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                        int q = ny * w + nx;
                        if (img[q] == value && label[q] == 0) {
                            label[q] = id;
                            stack[top++] = q;
                        }
                    }
                }
            }
        }
        return count;
    }
}
