package org.ddlm.diffusion.schedule;

/**
 * A trained table of T noise levels, queried at a fractional index u ∈ [0, T−1] by linear
 * interpolation of λ (algorithms.md §1), so that samplers stepping in λ get exact step sizes.
 * Index 0 is the least noisy trained level, not data.
 */
public final class DiscreteSchedule implements Schedule {

    private final String name;
    private final double[] beta;
    private final double[] alphaBar;
    private final double[] lambda;

    public DiscreteSchedule(String name, double[] beta) {
        this.name = name;
        this.beta = beta.clone();
        int n = beta.length;
        alphaBar = new double[n];
        lambda = new double[n];
        double logAlphaBar = 0.0;
        for (int j = 0; j < n; j++) {
            if (!(beta[j] > 0.0 && beta[j] < 1.0)) {
                throw new IllegalArgumentException("beta[" + j + "] = " + beta[j] + " is not in (0, 1)");
            }
            logAlphaBar += Math.log1p(-beta[j]);
            alphaBar[j] = Math.exp(logAlphaBar);
            // λ = ½ log ᾱ − ½ log(1 − ᾱ), with 1 − ᾱ = −expm1(log ᾱ) to keep precision near ᾱ = 1.
            lambda[j] = 0.5 * logAlphaBar - 0.5 * Math.log(-Math.expm1(logAlphaBar));
            if (j > 0 && !(lambda[j] < lambda[j - 1])) {
                throw new IllegalArgumentException("lambda must decrease strictly; it does not at index " + j);
            }
        }
    }

    public static DiscreteSchedule linear(int steps) {
        return new DiscreteSchedule("linear(T=" + steps + ")", BetaSchedules.linear(
                steps, BetaSchedules.LINEAR_BETA_MIN, BetaSchedules.LINEAR_BETA_MAX));
    }

    public static DiscreteSchedule scaledLinear(int steps) {
        return new DiscreteSchedule("scaled-linear(T=" + steps + ")", BetaSchedules.scaledLinear(
                steps, BetaSchedules.SCALED_LINEAR_BETA_MIN, BetaSchedules.SCALED_LINEAR_BETA_MAX));
    }

    /** The project default for the CT prior (T = 1000). */
    public static DiscreteSchedule cosine(int steps) {
        return new DiscreteSchedule("cosine(T=" + steps + ")",
                BetaSchedules.cosine(steps, BetaSchedules.COSINE_OFFSET));
    }

    @Override
    public String name() {
        return name;
    }

    /** Number of trained levels T. */
    public int size() {
        return beta.length;
    }

    public double beta(int j) {
        return beta[j];
    }

    public double alphaBar(int j) {
        return alphaBar[j];
    }

    public double tableLambda(int j) {
        return lambda[j];
    }

    public double[] lambdaTable() {
        return lambda.clone();
    }

    @Override
    public double minTime() {
        return 0.0;
    }

    @Override
    public double maxTime() {
        return beta.length - 1;
    }

    @Override
    public double maxLambda() {
        return lambda[0];
    }

    @Override
    public double lambda(double u) {
        if (!(u >= 0.0 && u <= maxTime())) {
            throw new IllegalArgumentException("fractional index " + u + " is outside [0, " + maxTime() + "]");
        }
        int j = (int) Math.floor(u);
        if (j == beta.length - 1) {
            return lambda[j];
        }
        double w = u - j;
        return w == 0.0 ? lambda[j] : lambda[j] + w * (lambda[j + 1] - lambda[j]);
    }

    @Override
    public double time(double lam) {
        if (lam > lambda[0]) {
            throw new IllegalArgumentException("lambda " + lam + " is less noisy than the least noisy trained level ("
                    + lambda[0] + "); the caller must handle this case");
        }
        int last = beta.length - 1;
        if (lam <= lambda[last]) {
            return last;
        }
        // The table decreases; search the negated (increasing) order.
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (lambda[mid] >= lam) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (lambda[lo] == lam) {
            return lo;
        }
        return lo + (lam - lambda[lo]) / (lambda[hi] - lambda[lo]);
    }

    @Override
    public String toString() {
        return name + " lambda[0]=" + lambda[0] + " lambda[T-1]=" + lambda[lambda.length - 1]
                + " T=" + beta.length;
    }
}
