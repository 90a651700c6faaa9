package org.ddlm.diffusion.model;

import java.util.SplittableRandom;

/**
 * Standard normal draws for one batch element, from its own SplittableRandom by the Box–Muller
 * transform (our own, since the JDK's nextGaussian algorithm is not fixed across versions).
 * Each call fills a whole image; a leftover half pair is discarded so images never share draws.
 */
public final class GaussianStream {

    private final SplittableRandom random;

    public GaussianStream(SplittableRandom random) {
        this.random = random;
    }

    public void fill(double[] out, int offset, int length) {
        int end = offset + length;
        for (int k = offset; k < end; k += 2) {
            double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            double angle = 2.0 * Math.PI * u2;
            out[k] = r * Math.cos(angle);
            if (k + 1 < end) {
                out[k + 1] = r * Math.sin(angle);
            }
        }
    }
}
