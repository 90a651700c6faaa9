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
            int i = s.index();
            double[][] now = s.logAlphaSigma(i);
            double[][] next = s.logAlphaSigma(i + 1);
            int n = now[0].length;
            double[] alphaNext = new double[n];
            double[] direction = new double[n];
            double[] noiseScale = new double[n];
            for (int b = 0; b < n; b++) {
                alphaNext[b] = Math.exp(next[0][b]);
                double sigmaNext = Math.exp(next[1][b]);
                double nu2 = -Math.expm1(2.0 * (now[0][b] - next[0][b])); // 1 − α²/α'²
                noiseScale[b] = eta * Math.exp(next[1][b] - now[1][b]) * Math.sqrt(nu2);
                // σ'² − c² can be −1e-17 from round-off at η = 1.
                direction[b] = Math.sqrt(Math.max(sigmaNext * sigmaNext - noiseScale[b] * noiseScale[b], 0.0));
            }
            NDArray x = Coefficients.combine(alphaNext, e.x0(), direction, e.eps());
            if (eta > 0.0) {
                x = x.add(Coefficients.scale(noiseScale, s.noise()));
            }
            s.finish(x);
        });
    }
}
