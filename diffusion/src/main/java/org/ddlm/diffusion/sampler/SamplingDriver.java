package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.schedule.TimeGrid;

/**
 * Runs any sampler over a time grid from its first point (any start time): hook, noise, work
 * around each step, progress after each step and a cancellation check (the same {@link Progress}) before each step.
 * The result is owned by x_start's manager.
 */
public final class SamplingDriver {

    private final Sampler sampler;
    private StepHook hook = StepHook.IDENTITY;
    private NoiseSource noise = NoiseSource.NONE;
    private AroundStep around = AroundStep.NONE;
    private Progress progress = Progress.NONE;
    private int lastEvaluations;

    public SamplingDriver(Sampler sampler) {
        this.sampler = sampler;
    }

    public SamplingDriver hook(StepHook value) {
        hook = value == null ? StepHook.IDENTITY : value;
        return this;
    }

    public SamplingDriver noise(NoiseSource value) {
        noise = value == null ? NoiseSource.NONE : value;
        return this;
    }

    public SamplingDriver around(AroundStep value) {
        around = value == null ? AroundStep.NONE : value;
        return this;
    }

    /** Told (steps done, total) after each step and polled for cancellation before each. */
    public SamplingDriver progress(Progress value) {
        progress = value == null ? Progress.NONE : value;
        return this;
    }

    /** Model evaluations made by the last {@link #run}. */
    public int lastEvaluations() {
        return lastEvaluations;
    }

    /**
     * @throws CancellationException if the cancellation check answers true between steps
     */
    public NDArray run(Denoiser denoiser, NDArray xStart, TimeGrid grid) {
        try (SamplerState state = new SamplerState(xStart, grid, denoiser, hook, noise)) {
            int total = grid.steps();
            while (!state.finished()) {
                if (progress.isCancelled()) {
                    throw new CancellationException("sampling cancelled after " + state.step() + " of " + total + " steps");
                }
                around.before(state);
                sampler.step(state);
                around.after(state);
                progress.update(state.step(), total);
            }
            lastEvaluations = state.evaluations();
            return state.detachResult(xStart.getManager());
        }
    }
}
