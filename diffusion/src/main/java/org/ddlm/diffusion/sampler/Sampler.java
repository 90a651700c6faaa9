package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.schedule.TimeGrid;

/**
 * One reverse-diffusion method of algorithms.md §3. {@link #step} advances the state from grid
 * point i to i + 1 (or to data on the last step, where every sampler returns the hooked x0 of its
 * last evaluation); {@link SamplingDriver} loops over steps.
 */
public interface Sampler {

    String name();

    /** Advances {@code state} by one grid step. */
    void step(SamplerState state);

    /** Model evaluations needed for the whole grid: one per step unless the method says otherwise. */
    default int evaluations(TimeGrid grid) {
        return grid.steps();
    }

    /** Runs the whole grid with the given hook and noise (null for identity / deterministic). */
    default NDArray sample(Denoiser denoiser, NDArray xStart, TimeGrid grid, StepHook hook, NoiseSource noise) {
        return new SamplingDriver(this).hook(hook).noise(noise).run(denoiser, xStart, grid);
    }

    /** Deterministic sampling with the identity hook. */
    default NDArray sample(Denoiser denoiser, NDArray xStart, TimeGrid grid) {
        return sample(denoiser, xStart, grid, null, null);
    }
}
