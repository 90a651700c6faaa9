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
            // c = {Euler on x, Euler on D, then the corrector on x, D, x_E and D'}
            double[][] c = s.coefficientsToNext(6, (b, h) -> {
                double alphaNext = Math.exp(h.logAlphaNext());
                double ratioX = Math.exp(h.logAlphaNext() - h.logAlpha()); // α'/α
                double sigmaBar = Math.exp(-h.lambda());
                double sigmaBarNext = Math.exp(-h.lambdaNext());
                double shrink = Math.exp(h.lambda() - h.lambdaNext()); // σ̄'/σ̄
                double delta = sigmaBarNext - sigmaBar;
                return new double[] {
                    // Euler: x_E = α'[(σ̄'/σ̄)x/α + (1 − σ̄'/σ̄)D]
                    ratioX * shrink,
                    alphaNext * -Math.expm1(h.lambda() - h.lambdaNext()),
                    // x' = α'[x̄ + (Δ/2)(d + d')], d = (x/α − D)/σ̄, d' = (x_E/α' − D')/σ̄'
                    ratioX * (1.0 + delta / (2.0 * sigmaBar)),
                    -alphaNext * delta / (2.0 * sigmaBar),
                    delta / (2.0 * sigmaBarNext),
                    -alphaNext * delta / (2.0 * sigmaBarNext),
                };
            });
            NDArray xEuler = Coefficients.combine(c[0], s.x(), c[1], e.x0());
            NDArray dNext = s.evaluate(xEuler, s.time(s.index() + 1)).x0();
            NDArray x = Coefficients.combine(c[2], s.x(), c[3], e.x0(), c[4], xEuler)
                    .add(Coefficients.scale(c[5], dNext));
            s.finish(x);
        });
    }
}
