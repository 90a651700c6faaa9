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
            int i = s.index();
            double[][] now = s.logAlphaSigma(i);
            double[][] next = s.logAlphaSigma(i + 1);
            int n = now[0].length;
            double[] p = new double[n];
            double[] q = new double[n];
            double[] c = new double[n];
            for (int b = 0; b < n; b++) {
                double nu2 = -Math.expm1(2.0 * (now[0][b] - next[0][b]));
                double sigmaRatio2 = Math.exp(2.0 * (next[1][b] - now[1][b])); // σ'²/σ²
                p[b] = Math.exp(now[0][b] - next[0][b]) * sigmaRatio2;
                q[b] = Math.exp(next[0][b] - 2.0 * now[1][b]) * nu2;
                c[b] = Math.sqrt(variance == Variance.FIXED_SMALL ? nu2 * sigmaRatio2 : nu2);
            }
            NDArray x = Coefficients.combine(p, s.x(), q, e.x0()).add(Coefficients.scale(c, s.noise()));
            s.finish(x);
        });
    }
}
