package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/**
 * σ̂_HH on integer-valued slices, as every DICOM with a unit rescale slope gives them (the calibration's σ_ref,HH and
 * every low-dose input): |HH| then lies on a 0.5 HU lattice, and a plain median would move in steps of
 * 0.5/0.6745 = 0.74 HU. The estimate must follow the noise level continuously instead.
 */
class NoiseCalibrationIntegerDataTest {
    private static final int N = 512;

    private static float[] rounded(float[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.round(a[i]);
        }
        return out;
    }

    /**
     * Normal-dose-like levels 4–12 HU in 0.1 HU steps on the smooth phantom: the integer-rounded slice gives the
     * level of the unrounded one plus the rounding noise (variance 1/12 per pixel, so 1/12 in the orthonormal HH
     * band) within 0.05 HU, and it increases strictly with the level.
     */
    @Test
    void integerSlicesFollowTheLevelContinuously() {
        float[] phantom = Phantoms.smooth(N, N);
        float[] unit = Phantoms.white(N * N, 1.0, 17);
        boolean[] mask = NoiseMask.of(new HuImage(N, N, phantom)); // one region for all levels: only rounding differs
        double previous = 0;
        double worst = 0;
        for (int k = 0; k <= 80; k++) {
            double sigma = 4.0 + 0.1 * k;
            float[] noisy = new float[unit.length];
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] = (float) (phantom[i] + sigma * unit[i]);
            }
            double exact = NoiseLevelEstimator.hhLevel(new HuImage(N, N, noisy), mask);
            double integer = NoiseLevelEstimator.hhLevel(new HuImage(N, N, rounded(noisy)), mask);
            double expected = Math.sqrt(exact * exact + 1.0 / 12.0);
            worst = Math.max(worst, Math.abs(integer - expected));
            assertEquals(expected, integer, 0.05, "level " + sigma);
            assertTrue(integer > previous, "strictly increasing at " + sigma + ": " + integer + " after " + previous);
            previous = integer;
        }
        System.out.printf("integer-valued slices, 4-12 HU: worst deviation %.4f HU%n", worst);
    }

    /** The grouped median by hand: 0, 0.5 ×3, 1 → the middle cell [0.25, 0.75] holds ranks 1–4, median 0.25 + 1.5/3·0.5. */
    @Test
    void groupedMedianOfASmallLattice() {
        assertEquals(0.25 + (2.5 - 1) / 3 * 0.5, NoiseLevelEstimator.absMedian(new double[] {0.5, 0, 1, 0.5, 0.5}),
                1e-15);
        assertEquals(0.0, NoiseLevelEstimator.absMedian(new double[] {0, 0, 0}), 0.0, "no variation at all");
        assertEquals(0.7, NoiseLevelEstimator.absMedian(new double[] {0.3, 1.1, 0.7}), 0.0, "off the lattice: plain");
    }
}
