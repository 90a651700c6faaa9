package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;

/**
 * The one place where ε, x0, v and the score are converted into each other (algorithms.md §2).
 * α and σ come per batch element, in float64, from the schedule's λ.
 */
public final class Parameterisation {

    private Parameterisation() {
    }

    /** α per element at the given schedule times. */
    public static double[] alphas(Schedule schedule, double[] time) {
        double[] out = new double[time.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = Vp.alpha(schedule.lambda(time[b]));
        }
        return out;
    }

    /** σ per element at the given schedule times. */
    public static double[] sigmas(Schedule schedule, double[] time) {
        double[] out = new double[time.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = Vp.sigma(schedule.lambda(time[b]));
        }
        return out;
    }

    /** The consistent (x0, ε) pair from a native prediction. */
    public static Estimate toEstimate(Prediction type, NDArray x, NDArray output, double[] alpha, double[] sigma) {
        int n = alpha.length;
        double[] inv = new double[n];
        double[] ratio = new double[n];
        switch (type) {
            case EPS -> {
                // x0 = (x − σε)/α
                for (int b = 0; b < n; b++) {
                    inv[b] = 1.0 / alpha[b];
                    ratio[b] = -sigma[b] / alpha[b];
                }
                return new Estimate(Coefficients.combine(inv, x, ratio, output), output);
            }
            case X0 -> {
                // ε = (x − αx0)/σ
                for (int b = 0; b < n; b++) {
                    inv[b] = 1.0 / sigma[b];
                    ratio[b] = -alpha[b] / sigma[b];
                }
                return new Estimate(output, Coefficients.combine(inv, x, ratio, output));
            }
            case V -> {
                // x0 = αx − σv, ε = σx + αv
                double[] negSigma = new double[n];
                for (int b = 0; b < n; b++) {
                    negSigma[b] = -sigma[b];
                }
                return new Estimate(Coefficients.combine(alpha, x, negSigma, output),
                        Coefficients.combine(sigma, x, alpha, output));
            }
            default -> throw new IllegalStateException("unknown prediction " + type);
        }
    }

    /** v = αε − σx0. */
    public static NDArray toV(Estimate e, double[] alpha, double[] sigma) {
        double[] negSigma = new double[sigma.length];
        for (int b = 0; b < negSigma.length; b++) {
            negSigma[b] = -sigma[b];
        }
        return Coefficients.combine(alpha, e.eps(), negSigma, e.x0());
    }

    /** ∇ log p_t(x) = −ε/σ. */
    public static NDArray score(Estimate e, double[] sigma) {
        double[] c = new double[sigma.length];
        for (int b = 0; b < c.length; b++) {
            c[b] = -1.0 / sigma[b];
        }
        return Coefficients.scale(c, e.eps());
    }

    /** ε recomputed from x and a (possibly replaced) x0 for the same x: ε = (x − αx0)/σ. */
    public static NDArray epsFromX0(NDArray x, NDArray x0, double[] alpha, double[] sigma) {
        int n = alpha.length;
        double[] inv = new double[n];
        double[] ratio = new double[n];
        for (int b = 0; b < n; b++) {
            inv[b] = 1.0 / sigma[b];
            ratio[b] = -alpha[b] / sigma[b];
        }
        return Coefficients.combine(inv, x, ratio, x0);
    }
}
