package org.ddlm.diffusion.model;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * CT-like correlated training noise: white noise shaped to the power spectrum of filtered back-projection,
 * S(ρ) ∝ ρ·A(ρ)² with a Hann apodisation A(ρ) = ½(1 + cos(πρ/ρ_c)) up to the cutoff ρ_c (cycles/pixel), plus a
 * floor of 2 % of its peak, scaled to unit pixel variance. Each noise image draws its own ρ_c from
 * [cutoffMin, cutoffMax], so the prior learns the family that kernels and pixel sizes produce. A prior trained on
 * white noise sees CT noise of std σ as structure; trained with this noise, its forward process matches what a
 * low-dose scan adds to a normal-dose one (still no low-dose data is used).
 *
 * @param cutoffMin smallest Hann cutoff, cycles/pixel
 * @param cutoffMax largest Hann cutoff, cycles/pixel
 */
public record NoiseTexture(double cutoffMin, double cutoffMax) {

    /**
     * The range {@code ddlm train --noise ct} uses: from smooth kernels at small pixels (the simulator's noise at
     * 0.65 mm falls to nothing by 0.35 cycles/pixel) to sharp ones at large pixels (at 0.84 mm it still has 5 % of its
     * peak at 0.5 cycles/pixel).
     */
    public static final NoiseTexture CT = new NoiseTexture(0.3, 0.75);

    /** Floor of the spectrum, as a fraction of its peak (quantum noise that is not ramp-shaped). */
    static final double FLOOR = 0.02;

    public NoiseTexture {
        if (!(cutoffMin > 0 && cutoffMin <= cutoffMax && cutoffMax <= 0.75)) {
            throw new IllegalArgumentException("noise cutoffs must satisfy 0 < min <= max <= 0.75 cycles/pixel, got "
                    + cutoffMin + ", " + cutoffMax);
        }
    }

    /**
     * Fills the w×h values at {@code offset} with unit-variance training noise from {@code random}: standard normals,
     * then shaped to {@code texture} unless it is null (white noise).
     */
    public static void draw(NoiseTexture texture, double[] noise, int offset, int w, int h, SplittableRandom random) {
        new GaussianStream(random).fill(noise, offset, w * h);
        if (texture != null) {
            texture.colour(noise, offset, w, h, random);
        }
    }

    /**
     * Replaces the w×h standard normals at {@code offset} by CT-textured ones of unit variance (periodic: the
     * texture wraps around the image edges). The cutoff is the next draw from {@code random}.
     */
    public void colour(double[] noise, int offset, int w, int h, SplittableRandom random) {
        double cutoff = cutoffMin + (cutoffMax - cutoffMin) * random.nextDouble();
        double[] gain = amplitude(w, h, cutoff);
        double[] c = new double[2 * w * h];
        for (int i = 0; i < w * h; i++) {
            c[2 * i] = noise[offset + i];
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(h, w);
        fft.complexForward(c);
        for (int i = 0; i < w * h; i++) {
            c[2 * i] *= gain[i];
            c[2 * i + 1] *= gain[i];
        }
        fft.complexInverse(c, true);
        for (int i = 0; i < w * h; i++) {
            noise[offset + i] = c[2 * i];
        }
    }

    /** √S per FFT bin (row-major, DC first), S scaled to mean 1 over the bins so that the variance stays 1. */
    static double[] amplitude(int w, int h, double cutoff) {
        double[] s = new double[w * h];
        double peak = 0.0;
        for (int y = 0; y < h; y++) {
            double fy = (y <= h / 2 ? y : y - h) / (double) h;
            for (int x = 0; x < w; x++) {
                double fx = (x <= w / 2 ? x : x - w) / (double) w;
                double v = ramp(Math.hypot(fx, fy), cutoff);
                s[y * w + x] = v;
                peak = Math.max(peak, v);
            }
        }
        double mean = 0.0;
        for (int i = 0; i < s.length; i++) {
            s[i] += FLOOR * peak;
            mean += s[i] / s.length;
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sqrt(s[i] / mean);
        }
        return s;
    }

    /** ρ·A(ρ)² with the Hann window A. */
    static double ramp(double rho, double cutoff) {
        if (rho >= cutoff) {
            return 0.0;
        }
        double a = 0.5 * (1.0 + Math.cos(Math.PI * rho / cutoff));
        return rho * a * a;
    }
}
