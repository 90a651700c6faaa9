package org.ddlm.diffusion.oracle;

import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;

/**
 * Exact mean and variance of DDPM / DDIM(η) outputs under the Gaussian oracle (algorithms.md §4.2):
 * every step is x' = A·x + b + c·z, so m' = A·m + b and V' = A²·V + c². Coefficients are written out
 * from the §4.2 formulas directly, not taken from the sampler classes.
 */
public final class GaussianAffinePropagation {

    /** Which stochastic sampler's step coefficients to propagate. */
    public enum Kind {
        DDPM_FIXED_SMALL,
        DDPM_FIXED_LARGE,
        DDIM
    }

    private GaussianAffinePropagation() {
    }

    /**
     * @param times  the grid (schedule times, decreasing)
     * @param toData whether a final noise-free step to data follows
     * @param eta    DDIM η (ignored for DDPM)
     * @return {mean, variance} of the output
     */
    public static double[] propagate(GaussianOracle oracle, Schedule schedule, double[] times, boolean toData,
                                     Kind kind, double eta, double startMean, double startVariance) {
        double m = startMean;
        double var = startVariance;
        double mu = oracle.mean();
        double s2 = oracle.std() * oracle.std();
        int steps = toData ? times.length : times.length - 1;
        for (int i = 0; i < steps; i++) {
            double lam = schedule.lambda(times[i]);
            double alpha = Vp.alpha(lam);
            double sigma = Vp.sigma(lam);
            double vt = alpha * alpha * s2 + sigma * sigma;
            double k = alpha * s2 / vt;
            double p;
            double q;
            double c;
            if (toData && i == times.length - 1) {
                p = 0.0;
                q = 1.0;
                c = 0.0;
            } else {
                double lamNext = schedule.lambda(times[i + 1]);
                double alphaNext = Vp.alpha(lamNext);
                double sigmaNext = Vp.sigma(lamNext);
                double nu2 = 1.0 - alpha * alpha / (alphaNext * alphaNext);
                if (kind == Kind.DDIM) {
                    c = eta * sigmaNext / sigma * Math.sqrt(nu2);
                    p = Math.sqrt(Math.max(sigmaNext * sigmaNext - c * c, 0.0)) / sigma;
                    q = alphaNext - alpha * p;
                } else {
                    double a = alpha / alphaNext;
                    p = a * sigmaNext * sigmaNext / (sigma * sigma);
                    q = alphaNext * nu2 / (sigma * sigma);
                    c = Math.sqrt(kind == Kind.DDPM_FIXED_SMALL ? nu2 * sigmaNext * sigmaNext / (sigma * sigma) : nu2);
                }
            }
            double bigA = p + q * k;
            double b = q * mu * sigma * sigma / vt;
            m = bigA * m + b;
            var = bigA * bigA * var + c * c;
        }
        return new double[] {m, var};
    }
}
