package org.ddlm.diffusion.model;

import org.ddlm.diffusion.schedule.Schedule;

/**
 * A denoiser whose declarations (prediction type, schedule, intensity mapping) are fixed when it is
 * made; subclasses supply {@link #predict}. The trained network's {@link NetworkDenoiser} is one, and
 * so are the tests' exact oracles and tiny denoisers.
 */
public abstract class DeclaredDenoiser implements Denoiser {

    private final Prediction prediction;
    private final Schedule schedule;
    private final IntensityMapping intensity;

    protected DeclaredDenoiser(Prediction prediction, Schedule schedule, IntensityMapping intensity) {
        this.prediction = prediction;
        this.schedule = schedule;
        this.intensity = intensity;
    }

    @Override
    public final Prediction prediction() {
        return prediction;
    }

    @Override
    public final Schedule schedule() {
        return schedule;
    }

    @Override
    public final IntensityMapping intensity() {
        return intensity;
    }
}
