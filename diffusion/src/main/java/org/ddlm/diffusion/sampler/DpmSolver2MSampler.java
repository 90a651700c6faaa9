package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * DPM-Solver++(2M) (Lu et al. 2022b, algorithms.md §3.4): multistep in λ on the hooked x0,
 * first step first order. With {@code lowerOrderFinal}, grids of fewer than 15 steps take the step
 * just before the data step at first order too (a stability aid for very few steps).
 */
public final class DpmSolver2MSampler implements Sampler {

    /** Below this many steps the lower-order-final option applies. */
    public static final int LOWER_ORDER_FINAL_BELOW = 15;

    private final boolean lowerOrderFinal;

    public DpmSolver2MSampler(boolean lowerOrderFinal) {
        this.lowerOrderFinal = lowerOrderFinal;
    }

    public DpmSolver2MSampler() {
        this(false);
    }

    @Override
    public String name() {
        return "dpm-solver++(2m)" + (lowerOrderFinal ? "+lower-order-final" : "");
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> {
            List<HistoryEntry> past = s.history();
            boolean firstOrder = past.isEmpty()
                    || (lowerOrderFinal && s.isLastBeforeData() && s.totalSteps() < LOWER_ORDER_FINAL_BELOW);
            NDArray x = firstOrder
                    ? DpmSolverPlusPlus.firstOrder(s, e.x0())
                    : DpmSolverPlusPlus.secondOrder(s, e.x0(), past.get(0));
            s.finish(x, new HistoryEntry(e.x0(), s.lambda(s.index())), 1);
        });
    }
}
