package org.ddlm.diffusion.ddlm;

import org.ddlm.diffusion.schedule.Schedule;

/**
 * Time-step matching (algorithms.md §6.3): σ̄(t*) = c_t·σ_n in model units, λ* = −log(c_t σ_n),
 * t* = time(λ*). When λ* lies above the schedule's least noisy level the slice is "below range": the
 * prior cannot represent that little noise and DDLM returns y unchanged with a warning.
 *
 * @param sigmaN     the excess noise in model units
 * @param lambda     λ* (may exceed the schedule's range when belowRange)
 * @param time       t* in the schedule's time variable (NaN when belowRange)
 * @param belowRange true if the slice must be returned unchanged
 */
public record TimeMatch(double sigmaN, double lambda, double time, boolean belowRange) {

    /** Matches σ̄(t*) = factor·σ_n. */
    public static TimeMatch of(Schedule schedule, double sigmaN, double factor) {
        if (!(factor > 0.0)) {
            throw new IllegalArgumentException("the time-step factor c_t must be positive, got " + factor);
        }
        if (!(sigmaN >= 0.0) || Double.isInfinite(sigmaN)) {
            throw new IllegalArgumentException("noise level must be finite and >= 0, got " + sigmaN);
        }
        double lambda = -Math.log(factor * sigmaN);
        if (!schedule.covers(lambda)) {
            return new TimeMatch(sigmaN, lambda, Double.NaN, true);
        }
        return new TimeMatch(sigmaN, lambda, schedule.time(lambda), false);
    }
}
