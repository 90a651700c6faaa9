package org.ddlm.diffusion.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Clipping by global norm: all gradients are scaled by one factor so that their joint L2 norm is at most a cap. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** √(Σ‖g‖²) over all arrays; the per-array sums come from the engine, the total is summed in float64. */
    public static double globalNorm(List<NDArray> gradients) {
        double sum = 0.0;
        for (NDArray g : gradients) {
            try (NDArray squares = g.square().sum()) {
                sum += squares.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales the gradients in place by maxNorm/norm when their global norm exceeds maxNorm.
     *
     * @return the global norm before clipping
     */
    public static double clip(List<NDArray> gradients, double maxNorm) {
        double norm = globalNorm(gradients);
        if (norm > maxNorm) {
            float factor = (float) (maxNorm / norm);
            for (NDArray g : gradients) {
                g.muli(factor);
            }
        }
        return norm;
    }
}
