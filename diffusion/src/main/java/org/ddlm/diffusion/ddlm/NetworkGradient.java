package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.Estimate;

/**
 * The data-term gradient through the network (algorithms.md §6.5, as in diffusion posterior sampling):
 * ∇_x L = −J_xᵀ(y − x̂0)/σ_n², J_x = ∂x̂0/∂x, by one vector–Jacobian product: DJL records the forward on
 * a copy of x that requires a gradient, and back-propagates Σ x̂0·r with r = (y − x̂0)/σ_n² held constant.
 */
public final class NetworkGradient {

    private NetworkGradient() {
    }

    /** The estimate at (x, time) and ∇_x L; both are detached from the graph and live in x's manager. */
    public record Result(Estimate estimate, NDArray gradient) {
    }

    public static Result at(Denoiser denoiser, NDArray x, double[] time, DataTerm term, CostCounter cost) {
        double[] inv = term.inverseVariance();
        double[] negInv = new double[inv.length];
        for (int b = 0; b < inv.length; b++) {
            negInv[b] = -inv[b];
        }
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        Estimate e;
        try (GradientCollector collector = x.getManager().getEngine().newGradientCollector()) {
            e = denoiser.estimate(input, time);
            NDArray r = Coefficients.combine(negInv, e.x0(), inv, term.y()).stopGradient();
            collector.backward(e.x0().mul(r).sum());
        }
        cost.forward();
        cost.vjp();
        cost.gradient();
        NDArray gradient = input.getGradient().neg();
        return new Result(new Estimate(e.x0().stopGradient(), e.eps().stopGradient()), gradient);
    }
}
