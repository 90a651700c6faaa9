package org.ddlm.diffusion.oracle;

import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;

/**
 * Data from a 1-D mixture of Gaussians per pixel (algorithms.md §4.3): exact denoiser through
 * responsibilities computed in log space.
 */
public final class MixtureOracle extends OracleDenoiser {

    private final double[] logWeights;
    private final double[] means;
    private final double[] stds;

    public MixtureOracle(double[] weights, double[] means, double[] stds, Schedule schedule, Prediction prediction) {
        super(schedule, prediction);
        if (weights.length != means.length || means.length != stds.length || weights.length == 0) {
            throw new IllegalArgumentException("weights, means and stds need the same non-zero length");
        }
        double total = 0.0;
        for (double w : weights) {
            if (!(w > 0.0)) {
                throw new IllegalArgumentException("mixture weights must be positive");
            }
            total += w;
        }
        logWeights = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            logWeights[k] = Math.log(weights[k] / total);
        }
        this.means = means.clone();
        this.stds = stds.clone();
    }

    /** The §3.8 protocol oracle: weights (0.5, 0.5), means (−0.4, 0.6), stds (0.3, 0.4). */
    public static MixtureOracle protocol(Schedule schedule, Prediction prediction) {
        return new MixtureOracle(new double[] {0.5, 0.5}, new double[] {-0.4, 0.6}, new double[] {0.3, 0.4},
                schedule, prediction);
    }

    /** v_k = α²s_k² + σ², the variance of component k of the noised data. */
    private double noisedVariance(int k, double a, double sg) {
        return a * a * stds[k] * stds[k] + sg * sg;
    }

    /** log π_k + log N(x; α m_k, v_k) per component. */
    private double[] componentLogDensities(double x, double lambda) {
        double a = Vp.alpha(lambda);
        double sg = Vp.sigma(lambda);
        double[] out = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            double v = noisedVariance(k, a, sg);
            double d = x - a * means[k];
            out[k] = logWeights[k] - 0.5 * (Math.log(2.0 * Math.PI * v) + d * d / v);
        }
        return out;
    }

    private static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0.0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    public double logDensity(double x, double lambda) {
        return logSumExp(componentLogDensities(x, lambda));
    }

    /** The responsibilities r_k = p(k | x) at λ, normalised in log space. */
    private double[] responsibilities(double x, double lambda) {
        double[] r = componentLogDensities(x, lambda);
        double norm = logSumExp(r);
        for (int k = 0; k < r.length; k++) {
            r[k] = Math.exp(r[k] - norm);
        }
        return r;
    }

    @Override
    public double x0(double x, double lambda) {
        return overComponents(x, lambda, (k, r, a, v) -> r * (means[k] + a * stds[k] * stds[k] / v * (x - a * means[k])));
    }

    /** ε* = σ Σ r_k (x − α m_k)/v_k (no division by σ). */
    @Override
    public double eps(double x, double lambda) {
        return Vp.sigma(lambda) * overComponents(x, lambda, (k, r, a, v) -> r * (x - a * means[k]) / v);
    }

    /** One component's share of a posterior sum, from its responsibility r, α and its noised variance v. */
    @FunctionalInterface
    private interface ComponentTerm {
        double of(int k, double r, double a, double v);
    }

    /** Σ_k term(k, r_k, α, v_k) at (x, λ): the responsibility-weighted sums that x̂0* and ε* are. */
    private double overComponents(double x, double lambda, ComponentTerm term) {
        double a = Vp.alpha(lambda);
        double sg = Vp.sigma(lambda);
        double[] r = responsibilities(x, lambda);
        double sum = 0.0;
        for (int k = 0; k < means.length; k++) {
            sum += term.of(k, r[k], a, noisedVariance(k, a, sg));
        }
        return sum;
    }
}
