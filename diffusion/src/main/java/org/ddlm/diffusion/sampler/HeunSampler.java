package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.schedule.TimeGrid;

/**
 * Heun's method on the EDM ODE dx̄/dσ̄ = (x̄ − D(x̄; σ̄))/σ̄ in the scaled state x̄ = x/α (Karras et
 * al. 2022, algorithms.md §3.6); the Euler predictor is the DDIM step, the final step into data is
 * plain Euler (= the hooked x0).
 */
public final class HeunSampler implements Sampler {

    @Override
    public String name() {
        return "heun";
    }

    @Override
    public int evaluations(TimeGrid grid) {
        return 2 * grid.steps() - (grid.endsAtData() ? 1 : 0);
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> {
            int i = s.index();
            double[] lam = s.lambda(i);
            double[] lamNext = s.lambda(i + 1);
            double[][] now = s.logAlphaSigma(i);
            double[][] next = s.logAlphaSigma(i + 1);
            int n = lam.length;
            double[] eulerX = new double[n];
            double[] eulerD = new double[n];
            double[] cx = new double[n];
            double[] cd = new double[n];
            double[] cxe = new double[n];
            double[] cde = new double[n];
            for (int b = 0; b < n; b++) {
                double alphaNext = Math.exp(next[0][b]);
                double ratioX = Math.exp(next[0][b] - now[0][b]); // α'/α
                double sigmaBar = Math.exp(-lam[b]);
                double sigmaBarNext = Math.exp(-lamNext[b]);
                double shrink = Math.exp(lam[b] - lamNext[b]); // σ̄'/σ̄
                double delta = sigmaBarNext - sigmaBar;
                // Euler: x_E = α'[(σ̄'/σ̄)x/α + (1 − σ̄'/σ̄)D]
                eulerX[b] = ratioX * shrink;
                eulerD[b] = alphaNext * -Math.expm1(lam[b] - lamNext[b]);
                // x' = α'[x̄ + (Δ/2)(d + d')], d = (x/α − D)/σ̄, d' = (x_E/α' − D')/σ̄'
                cx[b] = ratioX * (1.0 + delta / (2.0 * sigmaBar));
                cd[b] = -alphaNext * delta / (2.0 * sigmaBar);
                cxe[b] = delta / (2.0 * sigmaBarNext);
                cde[b] = -alphaNext * delta / (2.0 * sigmaBarNext);
            }
            NDArray xEuler = Coefficients.combine(eulerX, s.x(), eulerD, e.x0());
            NDArray dNext = s.evaluate(xEuler, s.time(i + 1)).x0();
            NDArray x = Coefficients.combine(cx, s.x(), cd, e.x0(), cxe, xEuler)
                    .add(Coefficients.scale(cde, dNext));
            s.finish(x);
        });
    }
}
