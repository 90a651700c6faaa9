package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ddlm.core.HuImage;
import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.api.Test;

/** The NPS of metrics.md section 7 against closed forms. */
class NoisePowerSpectrumTest {

    private static final int N = 64;
    private static final double DX = 0.8;
    private static final double DY = 0.8;

    private static List<double[]> whiteRois(int m, double sigma, long seed) {
        Random rnd = new Random(seed);
        List<double[]> rois = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            double[] a = new double[N * N];
            for (int i = 0; i < a.length; i++) {
                a[i] = 100 + sigma * rnd.nextGaussian();
            }
            rois.add(a);
        }
        return rois;
    }

    @Test
    void parsevalHoldsForMeanAndPoly2Detrending() throws MetricException {
        List<double[]> rois = whiteRois(12, 17, 1);
        // Add a trend so that poly2 removes something mean subtraction does not.
        for (double[] a : rois) {
            for (int i = 0; i < a.length; i++) {
                a[i] += 0.05 * (i % N) * (i / N) - 0.3 * (i / N);
            }
        }
        for (Detrend d : Detrend.values()) {
            Nps nps = NoisePowerSpectrum.compute(rois, N, N, 0.7, 0.9, d);
            assertEquals(nps.meanVariance(), nps.integral(), 1e-9 * nps.meanVariance(), d.name());
            // normalised radial NPS integrates (over the kept annuli) to at most 1
            assertEquals(1.0, nps.integral() / nps.meanVariance(), 1e-9);
        }
    }

    @Test
    void whiteNoiseIsFlatAtSigmaSquaredTimesPixelArea() throws MetricException {
        double sigma = 20;
        Nps nps = NoisePowerSpectrum.compute(whiteRois(200, sigma, 2), N, N, DX, DY, Detrend.MEAN);
        double flat = sigma * sigma * DX * DY; // 256 HU^2 mm^2
        RadialNps r = nps.radial();
        assertEquals(N / 2, r.frequency().length);
        assertEquals(1 / (N * DX), r.frequency()[0], 1e-15);
        assertEquals(1 / (2 * DX), r.frequency()[N / 2 - 1], 1e-12); // last bin at Nyquist
        for (int j = 0; j < r.nps().length; j++) {
            assertEquals(flat, r.nps()[j], 0.05 * flat, "bin " + j + " at " + r.frequency()[j]);
        }
        // The mean over all non-DC frequencies, 819 200 samples, is far tighter.
        double sum = 0;
        for (int i = 0; i < nps.values().length; i++) {
            sum += nps.values()[i];
        }
        double meanNonDc = (sum - nps.at(N / 2, N / 2)) / (N * N - 1);
        assertEquals(flat, meanNonDc, 0.01 * flat);
        assertEquals(0.0, nps.at(N / 2, N / 2), 1e-9, "mean subtraction empties DC");
        // nNPS = NPS / sigma_pop^2, in mm^2: flat at dx dy.
        assertEquals(DX * DY, r.normalised()[5], 0.05 * DX * DY);
    }

    @Test
    void circularBoxFilterMultipliesTheNpsByTheTransferFunctionSquared() throws MetricException {
        // Periodic 3x3 box filtering of each ROI multiplies its DFT by H exactly, so the NPS changes by |H|^2 at
        // every reported (u, v): this pins down the frequency axes and the fft-shift.
        List<double[]> white = whiteRois(10, 10, 3);
        List<double[]> boxed = new ArrayList<>();
        for (double[] a : white) {
            boxed.add(periodicBox(a));
        }
        Nps w = NoisePowerSpectrum.compute(white, N, N, DX, DY, Detrend.MEAN);
        Nps b = NoisePowerSpectrum.compute(boxed, N, N, DX, DY, Detrend.MEAN);
        for (int row = 0; row < N; row++) {
            for (int col = 0; col < N; col++) {
                double h2 = boxTransferSquared(w.u(col), w.v(row));
                assertEquals(h2 * w.at(col, row), b.at(col, row), 1e-9 * w.at(col, row) + 1e-12);
            }
        }
    }

    @Test
    void boxFilteredNoiseFollowsTheTransferFunctionWithinFivePercent() throws MetricException {
        // Non-periodic: each ROI is the valid part of a box-filtered (N+2)^2 white-noise patch, as in an image.
        double sigma = 30;
        Random rnd = new Random(4);
        List<double[]> rois = new ArrayList<>();
        int big = N + 2;
        for (int m = 0; m < 200; m++) {
            double[] a = new double[big * big];
            for (int i = 0; i < a.length; i++) {
                a[i] = sigma * rnd.nextGaussian();
            }
            double[] roi = new double[N * N];
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    double s = 0;
                    for (int j = 0; j < 3; j++) {
                        for (int i = 0; i < 3; i++) {
                            s += a[(y + j) * big + x + i];
                        }
                    }
                    roi[y * N + x] = s / 9;
                }
            }
            rois.add(roi);
        }
        Nps nps = NoisePowerSpectrum.compute(rois, N, N, DX, DY, Detrend.MEAN);
        // Average over v: the expected value is sigma^2 dx dy |H_u(u)|^2 * mean_v |H_v|^2, and mean_v |H_v|^2 = 1/3.
        double peak = sigma * sigma * DX * DY / 3;
        for (int col = 0; col < N; col++) {
            if (col == N / 2) {
                continue; // DC is removed by the mean subtraction
            }
            double mean = 0;
            for (int row = 0; row < N; row++) {
                mean += nps.at(col, row) / N;
            }
            double hu = (1 + 2 * Math.cos(2 * Math.PI * nps.u(col) * DX)) / 3;
            double expected = peak * hu * hu;
            assertEquals(expected, mean, 0.05 * peak, "u = " + nps.u(col));
            if (hu * hu > 0.25) {
                assertEquals(expected, mean, 0.05 * expected, "u = " + nps.u(col));
            }
        }
    }

    @Test
    void sinusoidShowsItsPeakAtItsFrequencyWithTheClosedFormHeight() throws MetricException {
        int k0 = 8;
        double amp = 12;
        double[] a = new double[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                a[y * N + x] = 50 + amp * Math.cos(2 * Math.PI * k0 * x / N);
            }
        }
        Nps nps = NoisePowerSpectrum.compute(List.of(a), N, N, DX, DY, Detrend.MEAN);
        double height = DX * DY * amp * amp * N * N / 4; // |DFT|^2 = (amp N^2 / 2)^2, times dx dy / N^2
        assertEquals(height, nps.at(N / 2 + k0, N / 2), 1e-9 * height);
        assertEquals(height, nps.at(N / 2 - k0, N / 2), 1e-9 * height);
        assertEquals(k0 / (N * DX), nps.u(N / 2 + k0), 1e-15);
        assertEquals(2 * height / (N * DX * N * DY), nps.integral(), 1e-9 * height); // = amp^2 / 2
        assertEquals(amp * amp / 2, nps.meanVariance(), 1e-9);
        RadialNps r = nps.radial();
        assertEquals(k0 / (N * DX), r.fPeak(), 1e-12);
        assertEquals(k0 / (N * DX), r.fMean(), 1e-9);
    }

    @Test
    void poly2DetrendRemovesASecondOrderSurface() throws MetricException {
        double[] a = new double[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                a[y * N + x] = 30 + 2 * x - 3 * y + 0.05 * x * x - 0.02 * x * y + 0.04 * y * y;
            }
        }
        Nps poly = NoisePowerSpectrum.compute(List.of(a), N, N, DX, DY, Detrend.POLY2);
        Nps mean = NoisePowerSpectrum.compute(List.of(a), N, N, DX, DY, Detrend.MEAN);
        assertTrue(mean.meanVariance() > 1000);
        assertEquals(0.0, poly.meanVariance(), 1e-16);
    }

    @Test
    void rampFilteredNoiseRisesWithFrequencyAndHannPeaksLower() throws MetricException {
        // Parallel-beam FBP noise has NPS proportional to |f| W(f)^2: shape white noise with sqrt of that.
        double fn = 1 / (2 * DX);
        Nps ramp = NoisePowerSpectrum.compute(shaped(f -> f, 40, 5), N, N, DX, DY, Detrend.MEAN);
        Nps hann = NoisePowerSpectrum.compute(shaped(f -> {
            double w = 0.5 * (1 + Math.cos(Math.PI * f / fn));
            return f * w * w;
        }, 40, 6), N, N, DX, DY, Detrend.MEAN);
        RadialNps r = ramp.radial();
        // Rises: the top quarter of frequencies holds more than the bottom quarter, bin means climb.
        int q = r.nps().length / 4;
        assertTrue(r.nps()[r.nps().length - 1] > 10 * r.nps()[0]);
        for (int j = q; j < r.nps().length; j += q) {
            assertTrue(r.nps()[j] > r.nps()[j - q], "ramp NPS rises at " + r.frequency()[j]);
        }
        assertTrue(r.fPeak() > 0.85 * fn, "ramp peaks near Nyquist: " + r.fPeak());
        // f (1 + cos(pi f / fn))^2 peaks where 1 + cos x = 2 x sin x, x = pi f / fn: x = 0.9460, f = 0.3011 fn.
        RadialNps h = hann.radial();
        double df = r.frequency()[0];
        assertEquals(0.3011 * fn, h.fPeak(), 1.5 * df, "Hann peak");
        assertTrue(h.fMean() < r.fMean());
    }

    @Test
    void differenceOfTwoIndependentWhiteNoiseImagesReturnsSigma() throws MetricException {
        int w = 128;
        int h = 128;
        Random rnd = new Random(9);
        double sigma = 15;
        float[] a = new float[w * h];
        float[] b = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double structure = Math.hypot(x - 64, y - 64) < 30 ? 60 : -20 + 0.5 * x;
                a[y * w + x] = (float) (structure + sigma * rnd.nextGaussian());
                b[y * w + x] = (float) (structure + sigma * rnd.nextGaussian());
            }
        }
        Roi roi = new Roi.Circle(63.5, 63.5, 45);
        RoiStatistics d = DifferenceNoise.noise(new HuImage(w, h, a), new HuImage(w, h, b), roi);
        assertEquals(sigma, d.sd(), 0.03 * sigma);
        assertEquals(0.0, d.mean(), 1.0);
        // The structure makes the plain ROI SD of one image far larger.
        assertTrue(RoiStatistics.of(new HuImage(w, h, a), roi).sd() > 1.5 * sigma);
    }

    @Test
    void badRoisAreRefused() {
        assertThrows(MetricException.class, () -> NoisePowerSpectrum.compute(List.of(), N, N, DX, DY,
                Detrend.MEAN));
        assertThrows(MetricException.class, () -> NoisePowerSpectrum.compute(List.of(new double[10]), N, N, DX,
                DY, Detrend.MEAN));
        assertThrows(MetricException.class, () -> NoisePowerSpectrum.patch(new double[8000], 100, 80, 40, 20, 64));
    }

    @Test
    void tilesAreTheGridSquaresFullyInsideTheRegionAndOutsidePadding() {
        int w = 256;
        double[] p = new double[w * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        boolean[] pad = new boolean[w * w];
        pad[70 * w + 130] = true; // spoils the grid square with x0 = 128, y0 = 64
        Roi disc = new Roi.Circle(127.5, 127.5, 100);
        List<double[]> tiles = NoisePowerSpectrum.tiles(p, w, w, pad, disc, 64);
        // Of the 16 squares of 64 px, only the 4 central ones lie within 100 px of the centre (their farthest
        // pixel is 89.8 px away); every other square has a pixel at least 127.5 px away. One of the 4 holds padding.
        assertEquals(3, tiles.size());
        for (double[] t : tiles) {
            int x0 = (int) t[0] % w;
            int y0 = (int) t[0] / w;
            assertTrue((x0 == 64 || x0 == 128) && (y0 == 64 || y0 == 128));
            assertFalse(x0 == 128 && y0 == 64);
            assertEquals((y0 + 63) * w + x0 + 63, t[64 * 64 - 1], 0);
        }
    }

    @Test
    void patchCopiesTheRightPixels() throws MetricException {
        double[] p = new double[100 * 80];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        double[] roi = NoisePowerSpectrum.patch(p, 100, 80, 30, 10, 4);
        assertEquals(10 * 100 + 30, roi[0], 0);
        assertEquals(13 * 100 + 33, roi[15], 0);
    }

    /** White noise shaped in frequency so that its NPS is proportional to shape(|f|). */
    private static List<double[]> shaped(DoubleUnaryOperator shape, int m, long seed) {
        Random rnd = new Random(seed);
        DoubleFFT_2D fft = new DoubleFFT_2D(N, N);
        List<double[]> rois = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            double[] c = new double[2 * N * N];
            for (int i = 0; i < N * N; i++) {
                c[2 * i] = rnd.nextGaussian();
            }
            fft.complexForward(c);
            for (int l = 0; l < N; l++) {
                for (int k = 0; k < N; k++) {
                    int kk = k < N / 2 ? k : k - N;
                    int ll = l < N / 2 ? l : l - N;
                    double f = Math.hypot(kk / (N * DX), ll / (N * DY));
                    double g = Math.sqrt(shape.applyAsDouble(f));
                    c[2 * (l * N + k)] *= g;
                    c[2 * (l * N + k) + 1] *= g;
                }
            }
            fft.complexInverse(c, true);
            double[] roi = new double[N * N];
            for (int i = 0; i < roi.length; i++) {
                roi[i] = 100 * c[2 * i]; // the real part; the shape is even, so the imaginary part is ~0
            }
            rois.add(roi);
        }
        return rois;
    }

    private static double[] periodicBox(double[] a) {
        double[] out = new double[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double s = 0;
                for (int j = -1; j <= 1; j++) {
                    for (int i = -1; i <= 1; i++) {
                        s += a[Math.floorMod(y + j, N) * N + Math.floorMod(x + i, N)];
                    }
                }
                out[y * N + x] = s / 9;
            }
        }
        return out;
    }

    private static double boxTransferSquared(double u, double v) {
        double hu = (1 + 2 * Math.cos(2 * Math.PI * u * DX)) / 3;
        double hv = (1 + 2 * Math.cos(2 * Math.PI * v * DY)) / 3;
        return hu * hu * hv * hv;
    }
}
