package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Estimate;

/** The data-prediction exponential-integrator update shared by the DPM-Solver++ family. */
final class DpmSolverPlusPlus {

    private DpmSolverPlusPlus() {
    }

    /** First-order update x' = (σ'/σ)x + α'(1 − e^(−h))·x0 from grid point i to i + 1. */
    static NDArray firstOrder(SamplerStep s, NDArray x0) {
        int i = s.index();
        double[] lam = s.lambda(i);
        double[] lamNext = s.lambda(i + 1);
        double[][] now = s.logAlphaSigma(i);
        double[][] next = s.logAlphaSigma(i + 1);
        int n = lam.length;
        double[] cx = new double[n];
        double[] c0 = new double[n];
        for (int b = 0; b < n; b++) {
            cx[b] = Math.exp(next[1][b] - now[1][b]);
            c0[b] = Math.exp(next[0][b]) * Psi.psi1(lamNext[b] - lam[b]);
        }
        return Coefficients.combine(cx, s.x(), c0, x0);
    }

    /**
     * Second-order multistep update (2M) with D = (1 + 1/(2r))m0 − (1/(2r))m1, r = h_prev/h,
     * where m1 is the stored x0 at the previous grid point.
     */
    static NDArray secondOrder(SamplerStep s, NDArray m0, HistoryEntry previous) {
        int i = s.index();
        double[] lam = s.lambda(i);
        double[] lamNext = s.lambda(i + 1);
        double[][] now = s.logAlphaSigma(i);
        double[][] next = s.logAlphaSigma(i + 1);
        int n = lam.length;
        double[] cx = new double[n];
        double[] c0 = new double[n];
        double[] c1 = new double[n];
        for (int b = 0; b < n; b++) {
            double h = lamNext[b] - lam[b];
            double r = (lam[b] - previous.lambda()[b]) / h;
            double base = Math.exp(next[0][b]) * Psi.psi1(h);
            cx[b] = Math.exp(next[1][b] - now[1][b]);
            c0[b] = base * (1.0 + 0.5 / r);
            c1[b] = -base * 0.5 / r;
        }
        return Coefficients.combine(cx, s.x(), c0, m0, c1, previous.value());
    }

    /** The hooked estimate at the step's own grid point. */
    static Estimate evaluateHere(SamplerStep s) {
        return s.evaluate(s.x(), s.time(s.index()));
    }
}
