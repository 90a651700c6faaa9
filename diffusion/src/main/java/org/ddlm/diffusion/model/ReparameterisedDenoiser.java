package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.schedule.Schedule;

/** Presents a denoiser under another prediction type (e.g. a v-model as an ε-model). */
public final class ReparameterisedDenoiser implements Denoiser {

    private final Denoiser inner;
    private final Prediction prediction;

    public ReparameterisedDenoiser(Denoiser inner, Prediction prediction) {
        this.inner = inner;
        this.prediction = prediction;
    }

    @Override
    public Prediction prediction() {
        return prediction;
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

    @Override
    public NDArray predict(NDArray x, double[] time) {
        double[] alpha = Parameterisation.alphas(schedule(), time);
        double[] sigma = Parameterisation.sigmas(schedule(), time);
        return Parameterisation.toNative(prediction, inner.estimate(x, time), alpha, sigma);
    }
}
