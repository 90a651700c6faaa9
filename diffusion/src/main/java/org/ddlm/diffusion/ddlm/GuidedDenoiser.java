package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.ForwardingDenoiser;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.model.Prediction;

/**
 * Guidance through the network in classifier-guidance form (algorithms.md §6.5): answers the guided
 * noise ε̂_g = ε̂ + γσ∇_x L, so any sampler using it sees x̂0_g = (x − σε̂_g)/α. With DDIM(η = 0) this is
 * Euler-guided sampling, the comparison for splitting (§6.6); each evaluation costs one forward and
 * one VJP.
 */
public final class GuidedDenoiser extends ForwardingDenoiser {

    private final DataTerm term;
    private final double gamma;
    private final CostCounter cost;

    public GuidedDenoiser(Denoiser inner, DataTerm term, double gamma, CostCounter cost) {
        super(inner);
        if (!(gamma >= 0.0)) {
            throw new IllegalArgumentException("guidance gamma must be >= 0, got " + gamma);
        }
        this.term = term;
        this.gamma = gamma;
        this.cost = cost;
    }

    @Override
    public Prediction prediction() {
        return Prediction.EPS;
    }

    @Override
    public NDArray predict(NDArray x, double[] time) {
        NetworkGradient.Result g = NetworkGradient.at(inner(), x, time, term, cost);
        double[] sigma = Parameterisation.sigmas(schedule(), time);
        double[] one = new double[sigma.length];
        double[] step = new double[sigma.length];
        for (int b = 0; b < sigma.length; b++) {
            one[b] = 1.0;
            step[b] = gamma * sigma[b];
        }
        return Coefficients.combine(one, g.estimate().eps(), step, g.gradient());
    }
}
