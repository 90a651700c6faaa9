package org.ddlm.diffusion.train;

import java.util.SplittableRandom;

/**
 * Every random draw of training comes from a generator fixed by (seed, purpose, step), so a run
 * resumed from a checkpoint at step k draws exactly what an uninterrupted run draws at step k,
 * without saving any generator state.
 */
public final class StepRandom {

    /** Draws of one optimiser step (patches, times, noise). */
    public static final long TRAIN = 0x7472_6169_6EL;
    /** The fixed validation set (drawn once, identical at every evaluation). */
    public static final long VALIDATION = 0x7661_6C69_64L;

    private StepRandom() {
    }

    public static SplittableRandom of(long seed, long purpose, long step) {
        return new SplittableRandom(mix(mix(mix(seed) ^ purpose) + step));
    }

    /** The SplitMix64 finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
