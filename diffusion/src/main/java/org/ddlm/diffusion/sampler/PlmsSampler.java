package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.ddlm.diffusion.model.Coefficients;

/**
 * PLMS (Liu et al. 2022, algorithms.md §3.3): Adams–Bashforth on the hooked ε of up to four steps,
 * ramping up from a DDIM first step (1 evaluation per step), then the DDIM transfer
 * x' = (α'/α)x + (σ' − α'σ/α)ε'.
 */
public final class PlmsSampler implements Sampler {

    private static final double[][] ADAMS_BASHFORTH = {
        {1.0},
        {3.0 / 2.0, -1.0 / 2.0},
        {23.0 / 12.0, -16.0 / 12.0, 5.0 / 12.0},
        {55.0 / 24.0, -59.0 / 24.0, 37.0 / 24.0, -9.0 / 24.0},
    };

    @Override
    public String name() {
        return "plms";
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> {
            int i = s.index();
            List<HistoryEntry> past = s.history();
            double[] weights = ADAMS_BASHFORTH[Math.min(past.size(), 3)];
            NDArray eps = e.eps().mul(weights[0]);
            for (int k = 1; k < weights.length; k++) {
                eps = eps.add(past.get(k - 1).value().mul(weights[k]));
            }
            double[][] c = s.coefficientsToNext(2, (b, h) -> new double[] {
                Math.exp(h.logAlphaNext() - h.logAlpha()),
                Math.exp(h.logSigmaNext()) - Math.exp(h.logAlphaNext() + h.logSigma() - h.logAlpha()),
            });
            NDArray x = Coefficients.combine(c[0], s.x(), c[1], eps);
            s.finish(x, new HistoryEntry(e.eps(), s.lambda(i)), 3);
        });
    }
}
