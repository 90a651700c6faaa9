package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;

/** The two condition fields of algorithms.md §6.5–6.6: through the network (autograd) and in x0 space. */
public final class ConditionFields {

    private ConditionFields() {
    }

    /** ∇_x̄ L = α∇_x L = −α·J_xᵀ(y − x̂0)/σ_n² by one VJP per call (cost 3). */
    public static ConditionField network(Denoiser denoiser, DataTerm term, CostCounter cost) {
        return (xBar, sigmaBar) -> {
            if (atData(sigmaBar)) {
                return dataLimit(xBar, term);
            }
            double[] lambda = queryLambdas(denoiser.schedule(), sigmaBar);
            double[] alpha = alphas(lambda);
            NDArray x = Coefficients.scale(alpha, xBar);
            NetworkGradient.Result g = NetworkGradient.at(denoiser, x, times(denoiser.schedule(), lambda), term, cost);
            return Coefficients.scale(alpha, g.gradient());
        };
    }

    /** ∇_x̄ L ≈ −(y − x̂0)/σ_n² with ∂x̂0/∂x̄ ≈ I (one forward per call). */
    public static ConditionField x0Space(Denoiser denoiser, DataTerm term, CostCounter cost) {
        return (xBar, sigmaBar) -> {
            if (atData(sigmaBar)) {
                return dataLimit(xBar, term);
            }
            double[] lambda = queryLambdas(denoiser.schedule(), sigmaBar);
            NDArray x = Coefficients.scale(alphas(lambda), xBar);
            Estimate e = denoiser.estimate(x, times(denoiser.schedule(), lambda));
            cost.forward();
            cost.gradient();
            return residualGradient(e.x0(), term);
        };
    }

    /** −(y − m)/σ_n² built from m (so it lands in m's manager). */
    static NDArray residualGradient(NDArray m, DataTerm term) {
        double[] inv = term.inverseVariance();
        double[] negInv = new double[inv.length];
        for (int b = 0; b < inv.length; b++) {
            negInv[b] = -inv[b];
        }
        return Coefficients.combine(inv, m, negInv, term.y());
    }

    private static NDArray dataLimit(NDArray xBar, DataTerm term) {
        return residualGradient(xBar, term);
    }

    private static boolean atData(double[] sigmaBar) {
        boolean zero = sigmaBar[0] == 0.0;
        for (double s : sigmaBar) {
            if ((s == 0.0) != zero || s < 0.0) {
                throw new IllegalArgumentException("noise levels of one condition substep must be all > 0 or all 0");
            }
        }
        return zero;
    }

    /**
     * λ = −log σ̄, clamped to the schedule's least noisy level: Strang's last merged substep before the data
     * step reaches σ̄_{N−1}/2, below a trained table's range; there the model is queried at its least noisy
     * level (x̂0 is then within that level's noise of x̄ anyway).
     */
    private static double[] queryLambdas(Schedule schedule, double[] sigmaBar) {
        double[] l = new double[sigmaBar.length];
        for (int b = 0; b < l.length; b++) {
            l[b] = Math.min(-Math.log(sigmaBar[b]), schedule.maxLambda());
        }
        return l;
    }

    private static double[] alphas(double[] lambda) {
        double[] a = new double[lambda.length];
        for (int b = 0; b < a.length; b++) {
            a[b] = Vp.alpha(lambda[b]);
        }
        return a;
    }

    private static double[] times(Schedule schedule, double[] lambda) {
        double[] t = new double[lambda.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = schedule.time(lambda[b]);
        }
        return t;
    }
}
