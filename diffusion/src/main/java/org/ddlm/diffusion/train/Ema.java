package org.ddlm.diffusion.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Exponential moving average of the weights, updated after every optimiser step (algorithms.md §5.3). */
public final class Ema {

    private Ema() {
    }

    /**
     * The decay used after optimiser step {@code k} (0-based): {@code base}, or with warm-up
     * min(base, (1 + k)/(10 + k)), which lets early averages forget the random initialisation.
     */
    public static double decay(double base, boolean warmup, long k) {
        return warmup ? Math.min(base, (1.0 + k) / (10.0 + k)) : base;
    }

    /** average ← decay·average + (1 − decay)·weights, in place. */
    public static void update(List<NDArray> average, List<NDArray> weights, double decay) {
        float keep = (float) decay;
        float take = (float) (1.0 - decay);
        for (int i = 0; i < average.size(); i++) {
            try (NDArray part = weights.get(i).mul(take)) {
                average.get(i).muli(keep).addi(part);
            }
        }
    }
}
