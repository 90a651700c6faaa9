package org.ddlm.diffusion.train;

/**
 * The 8 symmetries of a square (rotations by multiples of 90° and their mirror images), used to
 * augment training patches. Element k rotates counter-clockwise by (k mod 4)·90° and, for k ≥ 4,
 * then mirrors left-right. Pure index permutations, so they are exact.
 */
public final class Symmetry {

    public static final int COUNT = 8;

    private Symmetry() {
    }

    /** The patch (row-major, size×size) transformed by symmetry {@code k}. */
    public static double[] apply(int k, double[] patch, int size) {
        if (k < 0 || k >= COUNT) {
            throw new IllegalArgumentException("symmetry index " + k + " is not in [0, 8)");
        }
        if (patch.length != size * size) {
            throw new IllegalArgumentException("patch of " + patch.length + " values is not " + size + "x" + size);
        }
        int quarterTurns = k & 3;
        boolean mirror = k >= 4;
        double[] out = new double[patch.length];
        int last = size - 1;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                // Output pixel (row, col) after the optional mirror comes from column last − col before it.
                int c = mirror ? last - col : col;
                int r = row;
                // Undo the rotation: a counter-clockwise quarter turn maps source (r', c') to (last − c', r').
                for (int t = 0; t < quarterTurns; t++) {
                    int sourceRow = c;
                    int sourceCol = last - r;
                    r = sourceRow;
                    c = sourceCol;
                }
                out[row * size + col] = patch[r * size + c];
            }
        }
        return out;
    }
}
