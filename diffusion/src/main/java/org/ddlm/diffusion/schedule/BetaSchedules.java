package org.ddlm.diffusion.schedule;

/** The β_j tables of algorithms.md §1 (index j = 0 … T−1). */
public final class BetaSchedules {

    public static final double LINEAR_BETA_MIN = 1e-4;
    public static final double LINEAR_BETA_MAX = 0.02;
    public static final double SCALED_LINEAR_BETA_MIN = 0.00085;
    public static final double SCALED_LINEAR_BETA_MAX = 0.012;
    public static final double COSINE_OFFSET = 0.008;
    /** Cap on the cosine β so that ᾱ_{T−1} (and λ_{T−1}) stays finite. */
    public static final double COSINE_BETA_CAP = 0.999;

    private BetaSchedules() {
    }

    public static double[] linear(int steps, double betaMin, double betaMax) {
        requireSteps(steps);
        double[] beta = new double[steps];
        for (int j = 0; j < steps; j++) {
            beta[j] = betaMin + (betaMax - betaMin) * j / (steps - 1);
        }
        return beta;
    }

    public static double[] scaledLinear(int steps, double betaMin, double betaMax) {
        requireSteps(steps);
        double lo = Math.sqrt(betaMin);
        double hi = Math.sqrt(betaMax);
        double[] beta = new double[steps];
        for (int j = 0; j < steps; j++) {
            double r = lo + (hi - lo) * j / (steps - 1);
            beta[j] = r * r;
        }
        return beta;
    }

    public static double[] cosine(int steps, double offset) {
        requireSteps(steps);
        double[] beta = new double[steps];
        for (int j = 0; j < steps; j++) {
            double f0 = cosineF(j, steps, offset);
            double f1 = cosineF(j + 1, steps, offset);
            beta[j] = Math.min(1.0 - f1 / f0, COSINE_BETA_CAP);
        }
        return beta;
    }

    private static double cosineF(double tau, int steps, double offset) {
        double c = Math.cos((tau / steps + offset) / (1.0 + offset) * Math.PI / 2.0);
        return c * c;
    }

    private static void requireSteps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("a discrete schedule needs T >= 2 levels, got " + steps);
        }
    }
}
