package org.ddlm.diffusion.sampler;

/** First-order DPM-Solver++ (algorithms.md §3.7); algebraically DDIM(η = 0), coded independently. */
public final class DpmSolver1Sampler implements Sampler {

    @Override
    public String name() {
        return "dpm-solver++(1)";
    }

    @Override
    public void step(SamplerState state) {
        SamplerStep.evaluateThen(state, (s, e) -> s.finish(DpmSolverPlusPlus.firstOrder(s, e.x0())));
    }
}
