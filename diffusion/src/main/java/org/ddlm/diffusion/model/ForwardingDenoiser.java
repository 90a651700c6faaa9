package org.ddlm.diffusion.model;

import org.ddlm.diffusion.schedule.Schedule;

/**
 * A denoiser that presents another one: prediction type, schedule, intensity mapping and size
 * multiple are the wrapped model's unless a subclass overrides them; subclasses define
 * {@link #predict}. The derived quantities ({@link #estimate} etc.) are deliberately not forwarded,
 * so that they go through the subclass's own prediction.
 */
public abstract class ForwardingDenoiser implements Denoiser {

    private final Denoiser inner;

    protected ForwardingDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    /** The wrapped denoiser. */
    protected final Denoiser inner() {
        return inner;
    }

    @Override
    public Prediction prediction() {
        return inner.prediction();
    }

    @Override
    public Schedule schedule() {
        return inner.schedule();
    }

    @Override
    public IntensityMapping intensity() {
        return inner.intensity();
    }

    @Override
    public int sizeMultiple() {
        return inner.sizeMultiple();
    }
}
