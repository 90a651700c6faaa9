package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * The noise-aware start of algorithms.md §6.4: x_{t*} = α*·y, which for white noise of std σ_n is exactly
 * a draw from q(x_{t*} | x0 = x) because α*σ_n = σ*. Optional whitening by fresh noise ξ ~ N(0, ζ_w²σ_n²):
 * x_{t'} = α'(y + ξ) with σ̄' = σ_n√(1 + ζ_w²), which lowers the coloured fraction of the noise variance
 * to 1/(1 + ζ_w²).
 */
public final class NoiseAwareStart {

    private NoiseAwareStart() {
    }

    /** The start time for noise σ_n (model units), time factor c_t and whitening factor ζ_w. */
    public static TimeMatch match(Schedule schedule, double sigmaN, double timeFactor, double whitening) {
        if (!(whitening >= 0.0)) {
            throw new IllegalArgumentException("whitening factor must be >= 0, got " + whitening);
        }
        return TimeMatch.of(schedule, sigmaN * Math.sqrt(1.0 + whitening * whitening), timeFactor);
    }

    /**
     * @param y         the observation in model units [B, …]
     * @param alpha     α at each element's start time
     * @param sigmaN    the excess noise per element (model units)
     * @param whitening ζ_w (0 = none)
     * @param xi        standard normal noise shaped like y, or null when ζ_w = 0
     */
    public static NDArray start(NDArray y, double[] alpha, double[] sigmaN, double whitening, NDArray xi) {
        if (whitening == 0.0) {
            return Coefficients.scale(alpha, y);
        }
        if (xi == null) {
            throw new IllegalArgumentException("whitening needs standard normal noise");
        }
        double[] c = new double[alpha.length];
        for (int b = 0; b < c.length; b++) {
            c[b] = alpha[b] * whitening * sigmaN[b];
        }
        return Coefficients.combine(alpha, y, c, xi);
    }
}
