package org.ddlm.diffusion.train;

/**
 * A training patch in model units with where it came from; two patches with the same origin are
 * the same sample.
 *
 * @param slice    index in the slice source
 * @param x        left column in the slice
 * @param y        top row in the slice
 * @param symmetry which of the 8 {@link Symmetry} elements was applied
 * @param values   size×size model-unit values, row-major
 */
public record Patch(int slice, int x, int y, int symmetry, double[] values) {

    public boolean sameOrigin(Patch other) {
        return slice == other.slice && x == other.x && y == other.y && symmetry == other.symmetry;
    }
}
