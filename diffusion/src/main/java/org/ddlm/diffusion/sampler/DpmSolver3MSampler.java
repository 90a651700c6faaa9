package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.ddlm.diffusion.schedule.Vp;

/**
 * DPM-Solver++(3M) as the project defines it (algorithms.md §3.5): exponential Adams–Bashforth
 * of order 3 in λ on the hooked x0, integrating the quadratic interpolant exactly; step 0 is the
 * second-order single-step midpoint method (2S, two evaluations), step 1 is 2M.
 */
public final class DpmSolver3MSampler implements Sampler {

    /** How step 0 is taken; only SINGLE_STEP_2S lets the method show order 3 (§3.8 item 1). */
    public enum Start {
        SINGLE_STEP_2S,
        FIRST_ORDER
    }

    /**
     * EXACT integrates the quadratic interpolant; REFERENCE halves the second-difference term as the
     * widely copied reference code does (exact only for linear x0, order 2). For cross-checks only.
     */
    public enum ThirdOrderCoefficient {
        EXACT,
        REFERENCE
    }

    private final Start start;
    private final ThirdOrderCoefficient coefficient;

    public DpmSolver3MSampler(Start start, ThirdOrderCoefficient coefficient) {
        this.start = start;
        this.coefficient = coefficient;
    }

    public DpmSolver3MSampler() {
        this(Start.SINGLE_STEP_2S, ThirdOrderCoefficient.EXACT);
    }

    @Override
    public String name() {
        return "dpm-solver++(3m)" + (start == Start.FIRST_ORDER ? "+first-order-start" : "")
                + (coefficient == ThirdOrderCoefficient.REFERENCE ? "+reference-coefficient" : "");
    }

    @Override
    public int evaluations(TimeGrid grid) {
        boolean extra = start == Start.SINGLE_STEP_2S && !grid.isDataStep(0);
        return grid.steps() + (extra ? 1 : 0);
    }

    /**
     * Weights (w0, w1, w2) with ψ1·m0 + ψ2·(d0 + h0·d2) + ψ3·d2 = w0·m0 + w1·m1 + w2·m2, where m0, m1,
     * m2 are x0 at λ_i, λ_i − h0, λ_i − h0 − h1 and h the step to λ_i + h.
     */
    public static double[] weights(double h, double h0, double h1, ThirdOrderCoefficient coefficient) {
        double psi1 = Psi.psi1(h);
        double psi2 = Psi.psi2(h);
        double psi3 = Psi.psi3(h) * (coefficient == ThirdOrderCoefficient.REFERENCE ? 0.5 : 1.0);
        double k2 = psi2 * h0 + psi3; // weight of d2
        double span = h0 + h1;
        return new double[] {
            psi1 + psi2 / h0 + k2 / (h0 * span),
            -psi2 / h0 - k2 * (1.0 / h0 + 1.0 / h1) / span,
            k2 / (h1 * span),
        };
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> {
            List<HistoryEntry> past = s.history();
            NDArray x;
            if (past.isEmpty()) {
                x = start == Start.SINGLE_STEP_2S ? midpointStep(s, e.x0()) : DpmSolverPlusPlus.firstOrder(s, e.x0());
            } else if (past.size() == 1) {
                x = DpmSolverPlusPlus.secondOrder(s, e.x0(), past.get(0));
            } else {
                x = thirdOrder(s, e.x0(), past.get(0), past.get(1));
            }
            s.finish(x, new HistoryEntry(e.x0(), s.lambda(s.index())), 2);
        });
    }

    /** DPM-Solver++(2S) with the midpoint λ_m = λ + h/2 (one extra evaluation, hooked). */
    private static NDArray midpointStep(SamplerStep s, NDArray x0) {
        Schedule schedule = s.state().denoiser().schedule();
        // the midpoint's time, then the first-order weights on x and x0 up to it
        double[][] mid = s.coefficientsToNext(3, (b, h) -> {
            double half = 0.5 * (h.lambdaNext() - h.lambda());
            double lamMid = h.lambda() + half;
            return new double[] {
                schedule.time(lamMid),
                Math.exp(Vp.logSigma(lamMid) - Vp.logSigma(h.lambda())),
                Vp.alpha(lamMid) * Psi.psi1(half),
            };
        });
        NDArray xMid = Coefficients.combine(mid[1], s.x(), mid[2], x0);
        NDArray x0Mid = s.evaluate(xMid, mid[0]).x0();
        return DpmSolverPlusPlus.firstOrder(s, x0Mid);
    }

    private NDArray thirdOrder(SamplerStep s, NDArray m0, HistoryEntry e1, HistoryEntry e2) {
        return DpmSolverPlusPlus.update(s, m0, List.of(e1, e2), (h, back, alphaNext) -> {
            double[] w = weights(h, back[0], back[1], coefficient);
            return new double[] {alphaNext * w[0], alphaNext * w[1], alphaNext * w[2]};
        });
    }
}
