package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.validation.metrics.Detrend;
import org.ddlm.validation.metrics.NoisePowerSpectrum;
import org.ddlm.validation.metrics.Nps;
import org.ddlm.validation.metrics.Roi;
import org.junit.jupiter.api.Test;

class ColoredNoiseTest {

    /**
     * White noise smoothed by the binomial [1 2 1]/4 in x and in y has, in closed form, the normalised
     * autocorrelation 4/6 at lag 1, 1/6 at lag 2 along an axis and (4/6)^2 on the diagonal, and the NPS
     * cos^4(pi u) cos^4(pi v) (u, v in cycles per pixel). From that exact spectrum the kernel is the binomial itself.
     */
    @Test
    void theExactBinomialSpectrumGivesTheBinomialCorrelations() {
        int n = 64;
        double[] values = new double[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double u = (col - n / 2) / (double) n;
                double v = (row - n / 2) / (double) n;
                values[row * n + col] = Math.pow(Math.cos(Math.PI * u), 4) * Math.pow(Math.cos(Math.PI * v), 4);
            }
        }
        ColoredNoise texture = ColoredNoise.withTextureOf(new Nps(n, n, 0.7, 0.7, values, 1, 1));
        float[] f = texture.sample(512, 512, 3.0, new SplittableRandom(5));
        assertEquals(3.0, std(f), 0.05);
        assertBinomialCorrelations(f, 512, 0.01);
        assertEquals(0.0, correlation(f, 512, 3, 0), 0.01);
    }

    /**
     * The same texture measured the usual way (an NPS over 256 ROIs of 32 x 32 of binomial noise, no window) and
     * copied into new noise: the copy keeps the correlations within 0.04 (the finite ROIs leak a little power to high
     * frequencies, which makes the copy slightly whiter) and has the std asked for.
     */
    @Test
    void noiseWithAMeasuredBinomialTextureHasItsClosedFormCorrelations() throws Exception {
        int n = 512;
        float[] smooth = binomial(white(n, new SplittableRandom(3)), n);
        double[] d = new double[smooth.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = smooth[i];
        }
        List<double[]> rois = NoisePowerSpectrum.tiles(d, n, n, null, new Roi.Rectangle(0, 0, n, n), 32);
        Nps nps = NoisePowerSpectrum.compute(rois, 32, 32, 0.7, 0.7, Detrend.MEAN);
        ColoredNoise texture = ColoredNoise.withTextureOf(nps);

        float[] copy = texture.sample(256, 256, 10.0, new SplittableRandom(7));
        assertEquals(10.0, std(copy), 0.3);
        assertBinomialCorrelations(copy, 256, 0.04);
    }

    /** The closed-form correlations of binomial-smoothed white noise: 4/6 at lag 1, 1/6 at lag 2, (4/6)^2 diagonal. */
    private static void assertBinomialCorrelations(float[] f, int w, double tolerance) {
        assertEquals(4.0 / 6, correlation(f, w, 1, 0), tolerance);
        assertEquals(4.0 / 6, correlation(f, w, 0, 1), tolerance);
        assertEquals(1.0 / 6, correlation(f, w, 2, 0), tolerance);
        assertEquals(16.0 / 36, correlation(f, w, 1, 1), tolerance);
    }

    @Test
    void aFlatSpectrumGivesWhiteNoise() {
        double[] flat = new double[16 * 16];
        java.util.Arrays.fill(flat, 2.5);
        ColoredNoise texture = ColoredNoise.withTextureOf(new Nps(16, 16, 1, 1, flat, 2.5, 1));
        float[] f = texture.sample(200, 200, 4.0, new SplittableRandom(11));
        assertEquals(4.0, std(f), 0.1);
        assertEquals(0.0, correlation(f, 200, 1, 0), 0.02);
        assertEquals(0.0, correlation(f, 200, 2, 1), 0.02);
    }

    @Test
    void theSameStreamGivesTheSameField() {
        double[] flat = new double[8 * 8];
        java.util.Arrays.fill(flat, 1);
        flat[0] = 3;
        ColoredNoise texture = ColoredNoise.withTextureOf(new Nps(8, 8, 1, 1, flat, 1, 1));
        assertArrayEquals(texture.sample(40, 30, 5, new SplittableRandom(1)),
                texture.sample(40, 30, 5, new SplittableRandom(1)));
    }

    @Test
    void aSpectrumWithoutPowerIsRefused() {
        Nps none = new Nps(8, 8, 1, 1, new double[64], 0, 1);
        assertThrows(IllegalArgumentException.class, () -> ColoredNoise.withTextureOf(none));
    }

    private static float[] white(int n, SplittableRandom r) {
        GaussianSource g = new GaussianSource(r);
        float[] out = new float[n * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) g.next();
        }
        return out;
    }

    /** [1 2 1]/4 along x then y, cyclic edges (the field stays stationary). */
    private static float[] binomial(float[] a, int n) {
        float[] t = new float[a.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                t[y * n + x] = (a[y * n + Math.floorMod(x - 1, n)] + 2 * a[y * n + x] + a[y * n + (x + 1) % n]) / 4;
            }
        }
        float[] out = new float[a.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                out[y * n + x] = (t[Math.floorMod(y - 1, n) * n + x] + 2 * t[y * n + x] + t[((y + 1) % n) * n + x])
                        / 4;
            }
        }
        return out;
    }

    private static double std(float[] f) {
        double s = 0;
        double ss = 0;
        for (float v : f) {
            s += v;
            ss += v * v;
        }
        double m = s / f.length;
        return Math.sqrt(ss / f.length - m * m);
    }

    private static double correlation(float[] f, int w, int dx, int dy) {
        int h = f.length / w;
        double s = 0;
        double s0 = 0;
        long k = 0;
        for (int y = 0; y + dy < h; y++) {
            for (int x = 0; x + dx < w; x++) {
                s += (double) f[y * w + x] * f[(y + dy) * w + x + dx];
                s0 += (double) f[y * w + x] * f[y * w + x];
                k++;
            }
        }
        return s / s0;
    }
}
