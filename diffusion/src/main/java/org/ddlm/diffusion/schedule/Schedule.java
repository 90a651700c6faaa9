package org.ddlm.diffusion.schedule;

/**
 * A VP noise schedule seen through its own time variable: the fractional index u ∈ [0, T−1] for a
 * discrete table, t ∈ (0, 1] for the continuous test schedule. Larger time means more noise; the
 * data point (α = 1) is never a time of the schedule, so λ is never evaluated there.
 */
public interface Schedule {

    /** A short name for logs and model specs, e.g. "cosine(T=1000)". */
    String name();

    /** Half log-SNR λ(time), strictly decreasing. */
    double lambda(double time);

    /**
     * The inverse of {@link #lambda}. Times beyond the noisiest level are clamped to {@link #maxTime()};
     * λ above {@link #maxLambda()} (less noise than the schedule knows) is rejected.
     *
     * @throws IllegalArgumentException if λ &gt; maxLambda()
     */
    double time(double lambda);

    /** Least noisy time of the schedule (0 for a table, a small t &gt; 0 for the continuous one). */
    double minTime();

    /** Noisiest time of the schedule. */
    double maxTime();

    /** λ at {@link #minTime()}: the least noise the schedule can represent. */
    default double maxLambda() {
        return lambda(minTime());
    }

    default boolean covers(double lambda) {
        return lambda <= maxLambda();
    }

    default double alpha(double time) {
        return Vp.alpha(lambda(time));
    }

    default double sigma(double time) {
        return Vp.sigma(lambda(time));
    }

    default double sigmaBar(double time) {
        return Vp.sigmaBar(lambda(time));
    }
}
