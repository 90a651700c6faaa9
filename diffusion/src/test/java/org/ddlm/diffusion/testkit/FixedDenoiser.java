package org.ddlm.diffusion.testkit;

import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.Schedule;

/** A test denoiser whose schedule, prediction type and intensity mapping are fixed at construction; subclasses supply predict. */
public abstract class FixedDenoiser implements Denoiser {

    private final Schedule schedule;
    private final Prediction prediction;
    private final IntensityMapping intensity;

    protected FixedDenoiser(Schedule schedule, Prediction prediction, IntensityMapping intensity) {
        this.schedule = schedule;
        this.prediction = prediction;
        this.intensity = intensity;
    }

    @Override
    public Prediction prediction() {
        return prediction;
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public IntensityMapping intensity() {
        return intensity;
    }
}
