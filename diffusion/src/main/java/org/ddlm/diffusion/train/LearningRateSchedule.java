package org.ddlm.diffusion.train;

/**
 * Linear warm-up, then cosine decay (Loshchilov &amp; Hutter 2017), for optimiser steps
 * k = 0 … total−1 (algorithms.md §5.3). Warm-up: lr(k) = peak·(k+1)/warmup, so the first step
 * already moves and step warmup−1 reaches the peak. Decay: lr(k) = final + (peak − final)·½(1 + cos(π·p))
 * with p = (k − warmup + 1)/(total − warmup), so the last step, k = total−1, uses exactly {@code finalRate}.
 */
public record LearningRateSchedule(double peak, double finalRate, long warmupSteps, long totalSteps) {

    public LearningRateSchedule {
        if (!(peak > 0) || !(finalRate >= 0) || finalRate > peak) {
            throw new IllegalArgumentException("learning rates must satisfy 0 <= final <= peak, peak > 0; got peak "
                    + peak + ", final " + finalRate);
        }
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("warm-up (" + warmupSteps + " steps) must be shorter than training ("
                    + totalSteps + " steps)");
        }
    }

    /** The learning rate of optimiser step {@code k} (0-based). */
    public double at(long k) {
        if (k < 0 || k >= totalSteps) {
            throw new IllegalArgumentException("step " + k + " is outside [0, " + totalSteps + ")");
        }
        if (k < warmupSteps) {
            return peak * (k + 1) / warmupSteps;
        }
        double progress = (double) (k - warmupSteps + 1) / (totalSteps - warmupSteps);
        return finalRate + (peak - finalRate) * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    }
}
