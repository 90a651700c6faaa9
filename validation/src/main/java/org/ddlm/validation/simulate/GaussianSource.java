package org.ddlm.validation.simulate;

import java.util.SplittableRandom;

/**
 * Standard normal numbers by the Box-Muller transform on {@link SplittableRandom#nextDouble()}, using
 * {@link StrictMath} so the sequence is the same on every JVM ({@code nextGaussian}'s algorithm is not fixed
 * across JDKs). Not thread-safe: one per slice stream.
 */
public final class GaussianSource {

    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    public GaussianSource(SplittableRandom random) {
        this.random = random;
    }

    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        double u2 = random.nextDouble();
        double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
        double angle = 2 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(angle);
        hasSpare = true;
        return r * StrictMath.cos(angle);
    }
}
