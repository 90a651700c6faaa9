package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Added noise of a 200 mm water cylinder with analytic chords (metrics.md section 8): 256x256 at 1 mm, ramp filter,
 * centred ROI 60 mm across, default fan geometry, N0 = 2.5e5.
 */
class NoiseScalingTest {

    static final double MU_W = DoseSettings.DEFAULT_MU_WATER;
    static final double N0 = 2.5e5;
    static final ImageGrid GRID = new ImageGrid(256, 256, 1, 1);
    static final FanBeamGeometry GEOMETRY = FanBeamGeometry.defaults();
    static Sinogram chords;
    static NoiseReconstruction noise;

    @BeforeAll
    static void setUp() {
        chords = AnalyticPhantom.disc(MU_W, 100).project(GEOMETRY.rays(GRID));
        noise = new NoiseReconstruction(GEOMETRY, GRID, ReconFilter.RAMP, 2);
    }

    /** Added-noise image in HU for dose a and electronic noise s2, with slice 0 of {@code seed}. */
    static double[] addedHu(double a, double s2, long seed) {
        double[] v = new double[chords.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = NoiseModel.addedVariance(chords.data()[i], a, N0, s2);
        }
        double[] mu = noise.reconstruct(new Sinogram(chords.views(), chords.channels(), v),
                new GaussianSource(SliceRandom.forSlice(seed, 0)));
        for (int i = 0; i < mu.length; i++) {
            mu[i] *= 1000 / MU_W;
        }
        return mu;
    }

    static double roiSd(double[] img) {
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int r = 0; r < GRID.height(); r++) {
            for (int c = 0; c < GRID.width(); c++) {
                double x = GRID.x(c);
                double y = GRID.y(r);
                if (x * x + y * y <= 30 * 30) {
                    double v = img[r * GRID.width() + c];
                    sum += v;
                    sum2 += v * v;
                    n++;
                }
            }
        }
        return Math.sqrt((sum2 - sum * sum / n) / (n - 1));
    }

    @Test
    void addedSdScalesAsSqrtOfOneMinusAOverA() {
        double[] doses = {0.5, 0.25, 0.1};
        double[] meanSd = new double[3];
        for (int d = 0; d < 3; d++) {
            // Independent draws per dose (seeds 1-3, 4-6, 7-9): with shared draws the ratio would be exact (below).
            for (long seed = 1; seed <= 3; seed++) {
                meanSd[d] += roiSd(addedHu(doses[d], 0, 3L * d + seed)) / 3;
            }
        }
        // Sanity band around the numpy prototype (17.9, 31.6, 54.5 HU).
        assertEquals(17.9, meanSd[0], 0.1 * 17.9);
        assertEquals(31.6, meanSd[1], 0.1 * 31.6);
        assertEquals(54.5, meanSd[2], 0.1 * 54.5);
        for (int d = 1; d < 3; d++) {
            double expected = Math.sqrt((1 - doses[d]) / doses[d]);
            double ratio = meanSd[d] / meanSd[0];
            assertEquals(expected, ratio, 0.05 * expected, "a=" + doses[d] + " SDs " + java.util.Arrays.toString(meanSd));
        }
    }

    @Test
    void withOneFixedDrawTheRatioIsExact() {
        double[] half = addedHu(0.5, 0, 9);
        double[] tenth = addedHu(0.1, 0, 9);
        for (int i = 0; i < half.length; i++) {
            assertEquals(3 * half[i], tenth[i], 1e-9 * (1 + Math.abs(tenth[i])));
        }
    }

    @Test
    void largeElectronicNoiseRaisesTheSdAsTheModelPredicts() {
        double a = 0.25;
        double plain = roiSd(addedHu(a, 0, 4));
        double electronic = roiSd(addedHu(a, 1e4, 4));
        // Per-ray factor sqrt(1 + ((1+a)/a) s2 e^p/N0): about 3.27 through the centre (p = 3.88), less elsewhere.
        double centreFactor = Math.sqrt(1 + (1 + a) / a * 1e4 * Math.exp(200 * MU_W) / N0);
        double ratio = electronic / plain;
        assertTrue(ratio > 2 && ratio < centreFactor, "SD ratio " + ratio + ", centre-ray factor " + centreFactor);
    }
}
