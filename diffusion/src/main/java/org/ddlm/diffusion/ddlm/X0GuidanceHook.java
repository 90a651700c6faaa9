package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.sampler.HookContext;
import org.ddlm.diffusion.sampler.StepHook;

/**
 * Guidance with the x0-space approximation ∂x̂0/∂x ≈ I/α (algorithms.md §6.5): ∇_x L ≈ −(y − x̂0)/(ασ_n²),
 * ε̂_g = ε̂ + γσ∇_x L, x̂0_g = (x − σε̂_g)/α. The step is limited so that the implied blend weight
 * ω_t = γσ̄²/σ_n² is at most 1. No extra model evaluations.
 */
public final class X0GuidanceHook implements StepHook {

    /** The provisional default γ (algorithms.md §6.5). */
    public static final double DEFAULT_GAMMA = 0.1;

    private final DataTerm term;
    private final double gamma;

    public X0GuidanceHook(DataTerm term, double gamma) {
        if (!(gamma >= 0.0)) {
            throw new IllegalArgumentException("guidance gamma must be >= 0, got " + gamma);
        }
        this.term = term;
        this.gamma = gamma;
    }

    /** ω_t = min(γσ̄²/σ_n², 1). */
    public static double omega(double gamma, double sigmaBar, double sigmaN) {
        return Math.min(gamma * sigmaBar * sigmaBar / (sigmaN * sigmaN), 1.0);
    }

    @Override
    public Estimate apply(HookContext context, Estimate estimate) {
        int n = context.alpha().length;
        double[] one = new double[n];
        double[] pull = new double[n];
        double[] invAlpha = new double[n];
        double[] ratio = new double[n];
        for (int b = 0; b < n; b++) {
            double alpha = context.alpha()[b];
            double sigma = context.sigma()[b];
            double sn = term.sigmaN()[b];
            double omega = omega(gamma, sigma / alpha, sn);
            // γ_eff σ ∇_x L with γ_eff = ω σ_n²/σ̄² simplifies to −(ω α/σ)(y − x̂0).
            double gammaEff = omega * sn * sn * alpha * alpha / (sigma * sigma);
            one[b] = 1.0;
            pull[b] = -gammaEff * sigma / (alpha * sn * sn);
            invAlpha[b] = 1.0 / alpha;
            ratio[b] = -sigma / alpha;
        }
        double[] minusOne = new double[n];
        java.util.Arrays.fill(minusOne, -1.0);
        // y − x̂0 built from x̂0 so that it lands in the step's scope, not in y's long-lived manager.
        NDArray residual = Coefficients.combine(minusOne, estimate.x0(), one, term.y());
        NDArray eps = Coefficients.combine(one, estimate.eps(), pull, residual);
        NDArray x0 = Coefficients.combine(invAlpha, context.x(), ratio, eps);
        return new Estimate(x0, eps);
    }
}
