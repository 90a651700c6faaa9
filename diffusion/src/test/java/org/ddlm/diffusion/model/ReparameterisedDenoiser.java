package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;

/** Presents a denoiser under another prediction type (e.g. a v-model as an ε-model). */
public final class ReparameterisedDenoiser extends ForwardingDenoiser {

    private final Prediction prediction;

    public ReparameterisedDenoiser(Denoiser inner, Prediction prediction) {
        super(inner);
        this.prediction = prediction;
    }

    @Override
    public Prediction prediction() {
        return prediction;
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        double[] alpha = Parameterisation.alphas(schedule(), time);
        double[] sigma = Parameterisation.sigmas(schedule(), time);
        Estimate e = inner().estimate(x, time);
        return switch (prediction) {
            case EPS -> e.eps();
            case X0 -> e.x0();
            case V -> Parameterisation.toV(e, alpha, sigma);
        };
    }
}
