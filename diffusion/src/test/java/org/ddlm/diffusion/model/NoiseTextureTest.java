package org.ddlm.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.api.Test;

/** CT-textured noise: unit variance, and the periodogram follows the closed-form ramp x Hann spectrum. */
class NoiseTextureTest {
    private static final int SIZE = 64;

    @Test
    void unitVarianceAndTheRampHannSpectrum() {
        double cutoff = 0.4;
        NoiseTexture fixed = new NoiseTexture(cutoff, cutoff);
        int images = 200;
        double[] power = new double[SIZE * SIZE];
        double variance = 0;
        SplittableRandom root = new SplittableRandom(3);
        for (int k = 0; k < images; k++) {
            SplittableRandom r = root.split();
            double[] n = new double[SIZE * SIZE];
            new GaussianStream(r).fill(n, 0, n.length);
            fixed.colour(n, 0, SIZE, SIZE, r);
            double[] c = new double[2 * n.length];
            for (int i = 0; i < n.length; i++) {
                variance += n[i] * n[i] / n.length / images;
                c[2 * i] = n[i];
            }
            new DoubleFFT_2D(SIZE, SIZE).complexForward(c);
            for (int i = 0; i < n.length; i++) {
                power[i] += (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]) / n.length / images;
            }
        }
        assertEquals(1.0, variance, 0.02);
        // Expected periodogram = S(ρ) scaled to mean 1; compare band averages (statistical error ~ 1/√(count)).
        double[] s = NoiseTexture.amplitude(SIZE, SIZE, cutoff);
        double[][] bands = {{0.02, 0.08}, {0.1, 0.2}, {0.2, 0.3}, {0.3, 0.4}, {0.45, 0.7}};
        double peak = 0;
        for (double[] band : bands) {
            double measured = 0;
            double expected = 0;
            int count = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double fx = (x <= SIZE / 2 ? x : x - SIZE) / (double) SIZE;
                    double fy = (y <= SIZE / 2 ? y : y - SIZE) / (double) SIZE;
                    double rho = Math.hypot(fx, fy);
                    if (rho >= band[0] && rho < band[1]) {
                        measured += power[y * SIZE + x];
                        expected += s[y * SIZE + x] * s[y * SIZE + x];
                        count++;
                    }
                }
            }
            measured /= count;
            expected /= count;
            peak = Math.max(peak, expected);
            assertEquals(expected, measured, 0.05 * expected + 0.01, "band " + band[0] + "-" + band[1]);
        }
        // The closed form itself: ramp × Hann peaks below the cutoff, zero (floor) beyond it.
        assertTrue(NoiseTexture.ramp(0.1, cutoff) > NoiseTexture.ramp(0.02, cutoff));
        assertEquals(0.0, NoiseTexture.ramp(cutoff, cutoff), 0.0);
        double floor = s[SIZE / 2] * s[SIZE / 2]; // (0, 0.5): beyond the cutoff
        assertTrue(floor < 0.05 * peak, "floor " + floor + " against peak " + peak);
    }

    @Test
    void cutoffsOutsideTheSpectrumAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NoiseTexture(0.5, 0.4));
        assertThrows(IllegalArgumentException.class, () -> new NoiseTexture(0, 0.4));
        assertThrows(IllegalArgumentException.class, () -> new NoiseTexture(0.3, 0.9));
    }
}
