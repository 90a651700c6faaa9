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
        int i = s.index();
        double[] lam = s.lambda(i);
        double[] lamNext = s.lambda(i + 1);
        double[][] now = s.logAlphaSigma(i);
        double[][] next = s.logAlphaSigma(i + 1);
        int n = lam.length;
        double[] cx = new double[n];
        double[][] c = new double[older.size() + 1][n];
        for (int b = 0; b < n; b++) {
            double[] back = new double[older.size()];
            double previous = lam[b];
            for (int k = 0; k < back.length; k++) {
                back[k] = previous - older.get(k).lambda()[b];
                previous = older.get(k).lambda()[b];
            }
            double[] w = weights.at(lamNext[b] - lam[b], back, Math.exp(next[0][b]));
            cx[b] = Math.exp(next[1][b] - now[1][b]);
            for (int k = 0; k < c.length; k++) {
                c[k][b] = w[k];
            }
        }
        NDArray x = Coefficients.combine(cx, s.x(), c[0], x0);
        for (int k = 1; k < c.length; k++) {
            x = x.add(Coefficients.scale(c[k], older.get(k - 1).value()));
        }
        return x;
    }
}
