package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.schedule.TimeGrid;

/** First-order DPM-Solver++ (algorithms.md §3.7); algebraically DDIM(η = 0), coded independently. */
public final class DpmSolver1Sampler implements Sampler {

    @Override
    public String name() {
        return "dpm-solver++(1)";
    }

    @Override
    public int evaluations(TimeGrid grid) {
        return grid.steps();
    }

    @Override
    public void step(SamplerState state) {
        try (SamplerStep s = state.begin()) {
            Estimate e = DpmSolverPlusPlus.evaluateHere(s);
            NDArray x = s.isDataStep() ? e.x0() : DpmSolverPlusPlus.firstOrder(s, e.x0());
            s.finish(x);
        }
    }
}
