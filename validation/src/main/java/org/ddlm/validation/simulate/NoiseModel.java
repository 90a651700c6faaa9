package org.ddlm.validation.simulate;

/**
 * Variance to add to full-dose line integrals to imitate dose fraction a (metrics.md section 8). Counts are
 * {@code Poisson(N0 e^-p) + Normal(0, sigma_e^2)}, so to first order {@code Var(p) = (N0 e^-p + sigma_e^2) /
 * (N0 e^-p)^2}; replacing N0 by a N0 and subtracting the full-dose variance gives
 * {@code v(p) = ((1-a)/a) (e^p/N0) [1 + ((1+a)/a) sigma_e^2 e^p/N0]}.
 */
public final class NoiseModel {

    /** Expected low-dose counts below which the Gaussian approximation is poor; such rays are counted, not fixed. */
    public static final double LOW_COUNT_LIMIT = 20;

    private NoiseModel() {
    }

    /**
     * @param p       full-dose line integral (dimensionless)
     * @param dose    dose fraction a, in (0, 1]
     * @param n0      incident photons per ray at full dose
     * @param sigmaE2 electronic noise variance (counts^2)
     */
    public static double addedVariance(double p, double dose, double n0, double sigmaE2) {
        double ep = Math.exp(p) / n0;
        return (1 - dose) / dose * ep * (1 + (1 + dose) / dose * sigmaE2 * ep);
    }

    /** Whether the expected low-dose count {@code a N0 e^-p} is below {@link #LOW_COUNT_LIMIT}. */
    public static boolean isLowCount(double p, double dose, double n0) {
        return dose * n0 * Math.exp(-p) < LOW_COUNT_LIMIT;
    }
}
