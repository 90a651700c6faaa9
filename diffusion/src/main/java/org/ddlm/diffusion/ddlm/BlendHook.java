package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.sampler.HookContext;
import org.ddlm.diffusion.sampler.StepHook;

/**
 * The data-consistency blend of algorithms.md §6.5 on x̂0: x̂0 ← (1 − w)·x̂0 + w·y, then ε̂ ← (x − αx̂0)/σ
 * for the same x. The default weight is the MAP weight w_t = τ²/(τ² + σ_n²) with the prior-variance
 * proxy τ² = ζ·σ̄_t²; ζ = 0 is the identity (the estimate is returned untouched).
 */
public final class BlendHook implements StepHook {

    /** The default ζ, fixed by the validation sweep of algorithms.md §6.5 (see the default prior's MODEL_CARD.md). */
    public static final double DEFAULT_ZETA = 0.03;

    /** The blend weight for one batch element at noise level σ̄ (the schedule's σ/α). */
    @FunctionalInterface
    public interface Weight {
        double at(double sigmaBar, double sigmaN);
    }

    private final DataTerm term;
    private final Weight weight;

    public BlendHook(DataTerm term, Weight weight) {
        this.term = term;
        this.weight = weight;
    }

    /** w_t = ζσ̄²/(ζσ̄² + σ_n²). */
    public static BlendHook map(DataTerm term, double zeta) {
        if (!(zeta >= 0.0)) {
            throw new IllegalArgumentException("blend zeta must be >= 0, got " + zeta);
        }
        return new BlendHook(term, (sigmaBar, sigmaN) -> {
            double tau2 = zeta * sigmaBar * sigmaBar;
            return tau2 == 0.0 ? 0.0 : tau2 / (tau2 + sigmaN * sigmaN);
        });
    }

    @Override
    public Estimate apply(HookContext context, Estimate estimate) {
        int n = context.alpha().length;
        double[] w = new double[n];
        double[] keep = new double[n];
        boolean any = false;
        for (int b = 0; b < n; b++) {
            w[b] = weight.at(context.sigma()[b] / context.alpha()[b], term.sigmaN()[b]);
            if (!(w[b] >= 0.0 && w[b] <= 1.0)) {
                throw new IllegalStateException("blend weight " + w[b] + " is outside [0, 1]");
            }
            keep[b] = 1.0 - w[b];
            any |= w[b] != 0.0;
        }
        if (!any) {
            return estimate;
        }
        NDArray x0 = Coefficients.combine(keep, estimate.x0(), w, term.y());
        return new Estimate(x0, Parameterisation.epsFromX0(context.x(), x0, context.alpha(), context.sigma()));
    }
}
