package org.ddlm.diffusion.schedule;

/**
 * The continuous VP schedule used by the exact-math tests: β(t) = β0 + t(β1 − β0), t ∈ (0, 1]
 * (algorithms.md §1). Time 0 is data and is not part of the schedule.
 */
public final class ContinuousVpSchedule implements Schedule {

    public static final double DEFAULT_BETA0 = 0.1;
    public static final double DEFAULT_BETA1 = 20.0;
    /** Smallest time the schedule answers; λ(1e-6) ≈ 8.0, far below any test grid's end. */
    public static final double MIN_TIME = 1e-6;

    private final double beta0;
    private final double beta1;

    public ContinuousVpSchedule(double beta0, double beta1) {
        if (!(beta0 > 0 && beta1 > beta0)) {
            throw new IllegalArgumentException("need 0 < beta0 < beta1, got " + beta0 + ", " + beta1);
        }
        this.beta0 = beta0;
        this.beta1 = beta1;
    }

    public static ContinuousVpSchedule standard() {
        return new ContinuousVpSchedule(DEFAULT_BETA0, DEFAULT_BETA1);
    }

    @Override
    public String name() {
        return "continuous-vp(beta0=" + beta0 + ", beta1=" + beta1 + ")";
    }

    public double beta(double t) {
        return beta0 + t * (beta1 - beta0);
    }

    /** log α(t) = −½∫₀ᵗ β = −(β1 − β0)t²/4 − β0 t/2. */
    public double logAlpha(double t) {
        return -(beta1 - beta0) * t * t / 4.0 - beta0 * t / 2.0;
    }

    @Override
    public double lambda(double t) {
        if (!(t > 0.0 && t <= 1.0)) {
            throw new IllegalArgumentException("continuous time " + t + " is outside (0, 1]");
        }
        double la = logAlpha(t);
        return la - 0.5 * Math.log(-Math.expm1(2.0 * la));
    }

    /** Stable inverse t(λ) = 2L/(β0 + √(β0² + 2(β1 − β0)L)), L = log(1 + e^(−2λ)). */
    @Override
    public double time(double lam) {
        if (lam > maxLambda()) {
            throw new IllegalArgumentException("lambda " + lam + " is beyond the schedule's least noisy time");
        }
        double l = Vp.softplus(-2.0 * lam);
        double t = 2.0 * l / (beta0 + Math.sqrt(beta0 * beta0 + 2.0 * (beta1 - beta0) * l));
        return Math.min(t, 1.0);
    }

    @Override
    public double minTime() {
        return MIN_TIME;
    }

    @Override
    public double maxTime() {
        return 1.0;
    }
}
