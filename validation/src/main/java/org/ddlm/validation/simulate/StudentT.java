package org.ddlm.validation.simulate;

/**
 * Student's t distribution for confidence intervals. With {@code x = sqrt(nu) tan(phi)} the density becomes
 * proportional to {@code cos^(nu-1)(phi)} on [0, pi/2), a smooth integrand on a bounded interval, so Simpson's rule
 * gives the CDF without gamma functions.
 */
public final class StudentT {

    private static final int INTERVALS = 4000;

    private StudentT() {
    }

    /** P(T &le; t) for nu &ge; 1 degrees of freedom. */
    public static double cdf(double t, double nu) {
        checkNu(nu);
        double phi = Math.atan(Math.abs(t) / Math.sqrt(nu));
        double half = 0.5 * integral(phi, nu) / integral(Math.PI / 2, nu);
        return t >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** The t with P(T &le; t) = p, for p in (0, 1). */
    public static double quantile(double p, double nu) {
        checkNu(nu);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        double target = Math.abs(2 * p - 1) * integral(Math.PI / 2, nu);
        double lo = 0;
        double hi = Math.PI / 2;
        for (int i = 0; i < 80; i++) {
            double mid = (lo + hi) / 2;
            if (integral(mid, nu) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = Math.sqrt(nu) * Math.tan((lo + hi) / 2);
        return p >= 0.5 ? t : -t;
    }

    /** Integral of cos^(nu-1) from 0 to a, by Simpson's rule. */
    private static double integral(double a, double nu) {
        double h = a / INTERVALS;
        double sum = 1 + Math.pow(Math.cos(a), nu - 1);
        for (int i = 1; i < INTERVALS; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * Math.pow(Math.cos(i * h), nu - 1);
        }
        return sum * h / 3;
    }

    private static void checkNu(double nu) {
        if (!(nu >= 1)) {
            throw new IllegalArgumentException("need at least 1 degree of freedom, got " + nu);
        }
    }
}
