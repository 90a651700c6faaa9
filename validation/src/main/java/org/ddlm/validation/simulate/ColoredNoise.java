package org.ddlm.validation.simulate;

import java.util.SplittableRandom;
import org.ddlm.validation.metrics.Nps;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Stationary Gaussian noise with the texture of a measured 2-D noise power spectrum: white noise whose spectrum is
 * multiplied by sqrt(NPS). It copies a scan's own noise texture (its reconstruction kernel) into inserted noise, the
 * way real low-dose noise shares the texture of the normal-dose noise of the same kernel; the projection-domain
 * simulator gives the texture of its own filter instead.
 *
 * <p>The field is shaped in the Fourier domain at its own size, the NPS interpolated bilinearly (periodic in
 * frequency) between its bins: a spectrum of a few bins still gives correlations that reach past the ROI it was
 * measured on (a kernel of the ROI's size would alias them). The field is cyclic, which stationary noise allows.
 */
public final class ColoredNoise {

    private final Nps nps;

    private ColoredNoise(Nps nps) {
        this.nps = nps;
    }

    /** The noise whose NPS has the shape of {@code nps} (its level is set per sample). */
    public static ColoredNoise withTextureOf(Nps nps) {
        double sum = 0;
        for (double v : nps.values()) {
            sum += Math.max(v, 0.0);
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the NPS has no power: no noise texture to copy");
        }
        return new ColoredNoise(nps);
    }

    /**
     * A width x height field of this texture with standard deviation {@code stdHu} (in expectation), row-major,
     * drawn from {@code random} in a fixed order.
     */
    public float[] sample(int width, int height, double stdHu, SplittableRandom random) {
        if (width < 1 || height < 1 || !(stdHu >= 0) || !Double.isFinite(stdHu)) {
            throw new IllegalArgumentException("need a positive size and a finite std >= 0, got " + width + "x"
                    + height + " and " + stdHu);
        }
        double[] a = new double[2 * width * height];
        GaussianSource g = new GaussianSource(random);
        for (int i = 0; i < width * height; i++) {
            a[2 * i] = g.next();
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(height, width);
        fft.complexForward(a);
        double power = 0;
        for (int l = 0; l < height; l++) {
            double v = signedIndex(l, height) / (double) height;
            for (int k = 0; k < width; k++) {
                double p = spectrum(signedIndex(k, width) / (double) width, v);
                double amp = Math.sqrt(p);
                int i = 2 * (l * width + k);
                a[i] *= amp;
                a[i + 1] *= amp;
                power += p;
            }
        }
        fft.complexInverse(a, true);
        // Unit white noise through |A|^2 has variance mean(|A|^2): scale that to stdHu^2.
        double scale = power > 0 ? stdHu / Math.sqrt(power / ((double) width * height)) : 0;
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (scale * a[2 * i]);
        }
        return out;
    }

    /** The NPS (any units) at frequency (u, v) in cycles per pixel, bilinear between bins, period 1. */
    double spectrum(double u, double v) {
        int nx = nps.nx();
        int ny = nps.ny();
        double x = u * nx;
        double y = v * ny;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fx) * (1 - fy) * bin(x0, y0, nx, ny) + fx * (1 - fy) * bin(x0 + 1, y0, nx, ny)
                + (1 - fx) * fy * bin(x0, y0 + 1, nx, ny) + fx * fy * bin(x0 + 1, y0 + 1, nx, ny);
    }

    /** The NPS at signed bin (k, l), periodic; the values are fft-shifted (bin 0 at column nx/2). */
    private double bin(int k, int l, int nx, int ny) {
        int col = Math.floorMod(k + nx / 2, nx);
        int row = Math.floorMod(l + ny / 2, ny);
        return Math.max(nps.values()[row * nx + col], 0.0);
    }

    private static int signedIndex(int i, int n) {
        return i < (n + 1) / 2 ? i : i - n;
    }
}
