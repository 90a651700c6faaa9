package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;

/**
 * DDIM(η) (Song et al. 2021, algorithms.md §3.2): x' = α'x0 + √(σ'² − c²)·ε + c·z with
 * c = η(σ'/σ)√(1 − α²/α'²). η = 0 is deterministic; η = 1 equals DDPM fixed_small.
 */
public final class DdimSampler implements Sampler {

    private final double eta;

    public DdimSampler(double eta) {
        if (!(eta >= 0.0)) {
            throw new IllegalArgumentException("DDIM eta must be >= 0, got " + eta);
        }
        this.eta = eta;
    }

    @Override
    public String name() {
        return "ddim(eta=" + eta + ")";
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> {
            // c[0] = α', c[1] = √(σ'² − c²) on ε, c[2] = c on the fresh noise
            double[][] c = s.coefficientsToNext(3, (b, h) -> {
                double sigmaNext = Math.exp(h.logSigmaNext());
                double nu2 = -Math.expm1(2.0 * (h.logAlpha() - h.logAlphaNext())); // 1 − α²/α'²
                double noiseScale = eta * Math.exp(h.logSigmaNext() - h.logSigma()) * Math.sqrt(nu2);
                // σ'² − c² can be −1e-17 from round-off at η = 1.
                double direction = Math.sqrt(Math.max(sigmaNext * sigmaNext - noiseScale * noiseScale, 0.0));
                return new double[] {Math.exp(h.logAlphaNext()), direction, noiseScale};
            });
            NDArray x = Coefficients.combine(c[0], e.x0(), c[1], e.eps());
            if (eta > 0.0) {
                x = x.add(Coefficients.scale(c[2], s.noise()));
            }
            s.finish(x);
        });
    }
}
