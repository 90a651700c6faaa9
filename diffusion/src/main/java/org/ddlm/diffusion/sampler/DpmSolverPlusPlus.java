package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.ddlm.diffusion.model.Coefficients;

/** The data-prediction exponential-integrator update shared by the DPM-Solver++ family. */
final class DpmSolverPlusPlus {

    private DpmSolverPlusPlus() {
    }

    /**
     * The coefficients c0, c1, … on m0, m1, … for one element, from the step h = λ' − λ, the gaps
     * back = (λ − λ1, λ1 − λ2, …) between the points where the m were made, and α'.
     */
    @FunctionalInterface
    interface Weights {
        double[] at(double h, double[] back, double alphaNext);
    }

    /** First-order update x' = (σ'/σ)x + α'(1 − e^(−h))·x0 from grid point i to i + 1. */
    static NDArray firstOrder(SamplerStep s, NDArray x0) {
        return update(s, x0, List.of(), (h, back, alphaNext) -> new double[] {alphaNext * Psi.psi1(h)});
    }

    /**
     * Second-order multistep update (2M) with D = (1 + 1/(2r))m0 − (1/(2r))m1, r = h_prev/h,
     * where m1 is the stored x0 at the previous grid point.
     */
    static NDArray secondOrder(SamplerStep s, NDArray m0, HistoryEntry previous) {
        return update(s, m0, List.of(previous), (h, back, alphaNext) -> {
            double r = back[0] / h;
            double base = alphaNext * Psi.psi1(h);
            return new double[] {base * (1.0 + 0.5 / r), -base * 0.5 / r};
        });
    }

    /**
     * x' = (σ'/σ)x + c0·m0 + c1·m1 + … from grid point i to i + 1, with m0 = x0 at grid point i and
     * m1, m2, … the stored x0 of {@code older} (newest first).
     */
    static NDArray update(SamplerStep s, NDArray x0, List<HistoryEntry> older, Weights weights) {
        // c[0] = σ'/σ on x, c[1 + k] = the weight on m_k
        double[][] c = s.coefficientsToNext(older.size() + 2, (b, h) -> {
            double[] back = new double[older.size()];
            double previous = h.lambda();
            for (int k = 0; k < back.length; k++) {
                back[k] = previous - older.get(k).lambda()[b];
                previous = older.get(k).lambda()[b];
            }
            double[] w = weights.at(h.lambdaNext() - h.lambda(), back, Math.exp(h.logAlphaNext()));
            double[] all = new double[w.length + 1];
            all[0] = Math.exp(h.logSigmaNext() - h.logSigma());
            System.arraycopy(w, 0, all, 1, w.length);
            return all;
        });
        NDArray x = Coefficients.combine(c[0], s.x(), c[1], x0);
        for (int k = 2; k < c.length; k++) {
            x = x.add(Coefficients.scale(c[k], older.get(k - 2).value()));
        }
        return x;
    }
}
