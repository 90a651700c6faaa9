package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * The model as the samplers see it (algorithms.md §2): a prediction of a declared type at (x, time),
 * with per-element times in the schedule's own variable (the fractional index u for a table).
 * Implemented by {@link NetworkDenoiser} for trained networks (and, in the tests, by exact float64 oracles).
 */
public interface Denoiser {

    Prediction prediction();

    Schedule schedule();

    IntensityMapping intensity();

    /**
     * @param x    noisy batch, shape [B, …], in model units
     * @param time one schedule time per batch element
     * @return the native prediction, same shape as x
     */
    NDArray predict(NDArray x, double[] time);

    /**
     * This model with the working memory of one network pass bounded to images of {@code maxPixels} pixels (larger
     * ones are evaluated in parts, see {@link Network#forward(NDArray, NDArray, long)}); 0 = whole images. Models
     * without a network, and wrappers, answer themselves: bound the innermost model before wrapping it.
     */
    default Denoiser withPassLimit(long maxPixels) {
        return this;
    }

    /** Images given to {@link #predict} must have height and width divisible by this. */
    default int sizeMultiple() {
        return 1;
    }

    /** The consistent (x0, ε) pair at (x, time). */
    default Estimate estimate(NDArray x, double[] time) {
        double[] alpha = Parameterisation.alphas(schedule(), time);
        double[] sigma = Parameterisation.sigmas(schedule(), time);
        return Parameterisation.toEstimate(prediction(), x, predict(x, time), alpha, sigma);
    }

    /** v = α·ε − σ·x0 at (x, time). */
    default NDArray v(NDArray x, double[] time) {
        return Parameterisation.toV(estimate(x, time), Parameterisation.alphas(schedule(), time),
                Parameterisation.sigmas(schedule(), time));
    }

    /** The score ∇ log p_t(x) = −ε/σ. */
    default NDArray score(NDArray x, double[] time) {
        return Parameterisation.score(estimate(x, time), Parameterisation.sigmas(schedule(), time));
    }
}
