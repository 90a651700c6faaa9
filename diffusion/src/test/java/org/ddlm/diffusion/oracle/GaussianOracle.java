package org.ddlm.diffusion.oracle;

import java.util.function.DoubleUnaryOperator;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;

/**
 * Data x0 ~ N(μ, s²) per pixel (algorithms.md §4.1): the exact denoiser and the exact
 * probability-flow map. s = 0 is a point mass.
 */
public final class GaussianOracle extends OracleDenoiser {

    private final double mean;
    private final double std;

    public GaussianOracle(double mean, double std, Schedule schedule, Prediction prediction) {
        super(schedule, prediction);
        if (!(std >= 0.0)) {
            throw new IllegalArgumentException("std must be >= 0, got " + std);
        }
        this.mean = mean;
        this.std = std;
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    /** Marginal variance of x_λ: α²s² + σ². */
    public double marginalVariance(double lambda) {
        double a = Vp.alpha(lambda);
        double sg = Vp.sigma(lambda);
        return a * a * std * std + sg * sg;
    }

    /** x̂0* = μ + (α s²/v)(x − αμ). */
    @Override
    public double x0(double x, double lambda) {
        double a = Vp.alpha(lambda);
        return mean + a * std * std / marginalVariance(lambda) * (x - a * mean);
    }

    @Override
    protected DoubleUnaryOperator posteriorMeanAt(double lambda) {
        double a = Vp.alpha(lambda);
        double gain = a * std * std / marginalVariance(lambda);
        double centre = a * mean;
        return x -> mean + gain * (x - centre);
    }

    /** ε* = σ(x − αμ)/v, the direct form (no division by σ). */
    @Override
    public double eps(double x, double lambda) {
        return Vp.sigma(lambda) * (x - Vp.alpha(lambda) * mean) / marginalVariance(lambda);
    }

    /** score = −(x − αμ)/v. */
    @Override
    public double score(double x, double lambda) {
        return -(x - Vp.alpha(lambda) * mean) / marginalVariance(lambda);
    }

    /** log N(x; αμ, v), for finite-difference checks of the score. */
    public double logDensity(double x, double lambda) {
        double v = marginalVariance(lambda);
        double d = x - Vp.alpha(lambda) * mean;
        return -0.5 * (Math.log(2.0 * Math.PI * v) + d * d / v);
    }

    /** The exact probability-flow map from (x, λa) to λb (the standardised value is conserved). */
    public double flow(double x, double lambdaA, double lambdaB) {
        double sbA = Vp.sigmaBar(lambdaA);
        double sbB = Vp.sigmaBar(lambdaB);
        double s2 = std * std;
        return Vp.alpha(lambdaB) * (mean + Math.sqrt((s2 + sbB * sbB) / (s2 + sbA * sbA))
                * (x / Vp.alpha(lambdaA) - mean));
    }

    /** The exact probability-flow map from (x, λa) to data. */
    public double flowToData(double x, double lambdaA) {
        double sbA = Vp.sigmaBar(lambdaA);
        return mean + std / Math.sqrt(std * std + sbA * sbA) * (x / Vp.alpha(lambdaA) - mean);
    }
}
