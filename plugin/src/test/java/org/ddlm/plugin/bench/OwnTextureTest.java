package org.ddlm.plugin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.core.HuImage;
import org.ddlm.validation.simulate.GaussianSource;
import org.ddlm.validation.simulate.SpacedSlice;
import org.junit.jupiter.api.Test;

/**
 * The own-texture low dose on a synthetic body (a 40 HU disc with denser and fatty inclusions, whose edges are the
 * anatomy the flat-ROI selection must leave out) carrying noise of known std and texture: the measured normal-dose
 * level, the inserted excess (std and correlation) against the closed forms.
 */
class OwnTextureTest {
    private static final int N = 256;

    @Test
    void whiteNoiseOfKnownStdGivesWhiteExcessAtTheDosesVariance() throws Exception {
        TextureBench.NormalSlice slice = body(whiteNoise(10.0, 5));
        OwnTexture texture = OwnTexture.measure(List.of(slice));
        assertEquals(10.0, texture.normalDoseHu(), 0.8, "the flat ROIs hold noise, not the inclusions' edges");
        float[] low = texture.lowDose(slice, 0.25, 1);
        float[] excess = minus(low, slice.slice().image().hu());
        // (1/0.25 - 1) x the measured variance: std sqrt(3) x the measured level.
        assertEquals(Math.sqrt(3) * texture.normalDoseHu(), std(excess), 0.03 * Math.sqrt(3) * 10);
        assertEquals(0.0, correlation(excess, 1, 0), 0.05);
        float[] half = minus(texture.lowDose(slice, 0.5, 1), slice.slice().image().hu());
        assertEquals(texture.normalDoseHu(), std(half), 0.03 * 10);
    }

    /**
     * CT-like noise (the NPS of filtered back-projection with a Hann window: |f| (0.5 + 0.5 cos(2 pi f))^2 up to
     * 0.5 cycles per pixel, radially) is copied with its correlations, whose true values come from the same spectrum
     * summed directly (0.57 at lag 1, 0.29 on the diagonal, -0.10 at lag 3). The copy comes out a little whiter
     * (0.53, 0.24, -0.08): each 16-pixel ROI's second-order surface takes some low-frequency noise with it.
     */
    @Test
    void ctLikeNoiseIsCopiedWithItsCorrelations() throws Exception {
        TextureBench.NormalSlice slice = body(ctLikeNoise(10.0, 6));
        OwnTexture texture = OwnTexture.measure(List.of(slice));
        float[] excess = minus(texture.lowDose(slice, 0.25, 3), slice.slice().image().hu());
        assertEquals(ctLikeCorrelation(1, 0), correlation(excess, 1, 0), 0.05);
        assertEquals(ctLikeCorrelation(0, 1), correlation(excess, 0, 1), 0.05);
        assertEquals(ctLikeCorrelation(2, 0), correlation(excess, 2, 0), 0.05);
        assertEquals(ctLikeCorrelation(1, 1), correlation(excess, 1, 1), 0.05);
        assertEquals(ctLikeCorrelation(3, 0), correlation(excess, 3, 0), 0.05);
        assertEquals(10.0, texture.normalDoseHu(), 0.8);
        assertTrue(texture.rois() >= 16, "ROIs " + texture.rois());
    }

    @Test
    void aSliceWithoutEnoughSoftTissueIsRefusedByName() {
        float[] air = new float[N * N];
        java.util.Arrays.fill(air, -1000f);
        TextureBench.NormalSlice slice = new TextureBench.NormalSlice("empty-series", 0,
                new SpacedSlice(new HuImage(N, N, air), 0.7, 0.7), 5.0);
        BenchException e = assertThrows(BenchException.class, () -> OwnTexture.measure(List.of(slice)));
        assertTrue(e.getMessage().startsWith("empty-series: only 0 soft-tissue ROIs of 16 px"), e.getMessage());
    }

    private static TextureBench.NormalSlice body(float[] noise) {
        float[] hu = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double r = Math.hypot(x - N / 2.0, y - N / 2.0);
                float v = r < 115 ? 40f : -1000f;
                if (Math.hypot(x - 90, y - 100) < 18 || Math.hypot(x - 170, y - 160) < 12) {
                    v = 250f; // dense inclusions: edges of 210 HU
                }
                if (Math.abs(x - 128) < 6 && Math.abs(y - 80) < 40) {
                    v = -100f; // a fat plane
                }
                hu[y * N + x] = v + noise[y * N + x];
            }
        }
        return new TextureBench.NormalSlice("synthetic", 0, new SpacedSlice(new HuImage(N, N, hu), 0.7, 0.7), 5.0);
    }

    private static float[] whiteNoise(double std, long seed) {
        GaussianSource g = new GaussianSource(new SplittableRandom(seed));
        float[] w = new float[N * N];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (std * g.next());
        }
        return w;
    }

    /** The CT-like NPS at frequency (u, v) in cycles per pixel. */
    private static double ctLikeNps(double u, double v) {
        double f = Math.hypot(u, v);
        return f > 0.5 ? 0 : f * Math.pow(0.5 + 0.5 * Math.cos(2 * Math.PI * f), 2);
    }

    /** Normalised autocorrelation of the CT-like noise: sum of NPS cos(2 pi (u dx + v dy)) over the N x N grid. */
    private static double ctLikeCorrelation(int dx, int dy) {
        double s = 0;
        double s0 = 0;
        for (int l = -N / 2; l < N / 2; l++) {
            for (int k = -N / 2; k < N / 2; k++) {
                double p = ctLikeNps(k / (double) N, l / (double) N);
                s += p * Math.cos(2 * Math.PI * (k * dx + l * dy) / N);
                s0 += p;
            }
        }
        return s / s0;
    }

    /** Stationary (cyclic) noise of the CT-like NPS and the given std: white noise shaped in the Fourier domain. */
    private static float[] ctLikeNoise(double std, long seed) {
        GaussianSource g = new GaussianSource(new SplittableRandom(seed));
        double[] a = new double[2 * N * N];
        for (int i = 0; i < N * N; i++) {
            a[2 * i] = g.next();
        }
        org.jtransforms.fft.DoubleFFT_2D fft = new org.jtransforms.fft.DoubleFFT_2D(N, N);
        fft.complexForward(a);
        for (int l = 0; l < N; l++) {
            for (int k = 0; k < N; k++) {
                double amp = Math.sqrt(ctLikeNps((k < N / 2 ? k : k - N) / (double) N, (l < N / 2 ? l : l - N)
                        / (double) N));
                a[2 * (l * N + k)] *= amp;
                a[2 * (l * N + k) + 1] *= amp;
            }
        }
        fft.complexInverse(a, true);
        float[] out = new float[N * N];
        double ss = 0;
        for (int i = 0; i < out.length; i++) {
            ss += a[2 * i] * a[2 * i];
        }
        double scale = std / Math.sqrt(ss / out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (scale * a[2 * i]);
        }
        return out;
    }

    private static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
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

    private static double correlation(float[] f, int dx, int dy) {
        double s = 0;
        double s0 = 0;
        for (int y = 0; y + dy < N; y++) {
            for (int x = 0; x + dx < N; x++) {
                s += (double) f[y * N + x] * f[(y + dy) * N + x + dx];
                s0 += (double) f[y * N + x] * f[y * N + x];
            }
        }
        return s / s0;
    }
}
