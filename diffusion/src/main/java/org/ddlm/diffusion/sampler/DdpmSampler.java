package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;

/**
 * DDPM ancestral sampling on any grid (Ho et al. 2020, respaced as in Nichol &amp; Dhariwal 2021;
 * algorithms.md §3.1): the posterior q(x' | x, x0) with x0 the hooked estimate, variance
 * β̃ = ν²σ'²/σ² (fixed_small) or ν² (fixed_large), ν² = 1 − α²/α'².
 */
public final class DdpmSampler implements Sampler {

    public enum Variance {
        FIXED_SMALL,
        FIXED_LARGE
    }

    private final Variance variance;

    public DdpmSampler(Variance variance) {
        this.variance = variance;
    }

    @Override
    public String name() {
        return "ddpm(" + variance.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> {
            // x' = p·x + q·x0 + c·z
            double[][] pqc = s.coefficientsToNext(3, (b, h) -> {
                double nu2 = -Math.expm1(2.0 * (h.logAlpha() - h.logAlphaNext()));
                double sigmaRatio2 = Math.exp(2.0 * (h.logSigmaNext() - h.logSigma())); // σ'²/σ²
                return new double[] {
                    Math.exp(h.logAlpha() - h.logAlphaNext()) * sigmaRatio2,
                    Math.exp(h.logAlphaNext() - 2.0 * h.logSigma()) * nu2,
                    Math.sqrt(variance == Variance.FIXED_SMALL ? nu2 * sigmaRatio2 : nu2),
                };
            });
            NDArray x = Coefficients.combine(pqc[0], s.x(), pqc[1], e.x0()).add(Coefficients.scale(pqc[2], s.noise()));
            s.finish(x);
        });
    }
}
