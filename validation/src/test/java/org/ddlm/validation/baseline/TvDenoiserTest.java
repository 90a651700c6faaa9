package org.ddlm.validation.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TvDenoiserTest {

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1.0, 1.0);
        }
        return v;
    }

    @Test
    void gradientAndMinusDivergenceAreAdjoint() {
        int w = 17;
        int h = 11;
        double[] u = random(w * h, 1);
        double[] px = random(w * h, 2);
        double[] py = random(w * h, 3);
        double[] gx = new double[w * h];
        double[] gy = new double[w * h];
        double[] div = new double[w * h];
        FiniteDifferences.gradient(u, w, h, gx, gy);
        FiniteDifferences.divergence(px, py, w, h, div);
        double lhs = 0.0;
        double rhs = 0.0;
        for (int i = 0; i < w * h; i++) {
            lhs += gx[i] * px[i] + gy[i] * py[i];
            rhs -= u[i] * div[i];
        }
        assertEquals(lhs, rhs, 1e-12);
    }

    /** H×W, left half a, right half b: levels a + 2λ/W and b − 2λ/W (algorithms.md §6.8). */
    @Test
    void twoLevelImageMatchesTheClosedForm() {
        int w = 16;
        int h = 8;
        double a = 0.0;
        double b = 1.0;
        double lambda = 0.5;
        double[] y = new double[w * h];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % w < w / 2 ? a : b;
        }
        TvDenoiser tv = new TvDenoiser(lambda, 1e-7, 10_000);
        double[] x = tv.denoise(y, w, h);
        double shift = 2 * lambda / w;
        double worst = 0.0;
        for (int i = 0; i < x.length; i++) {
            double expected = i % w < w / 2 ? a + shift : b - shift;
            worst = Math.max(worst, Math.abs(x[i] - expected));
        }
        System.out.printf("TV two-level: max level error %.2e after %d iterations%n", worst, tv.lastIterations());
        assertTrue(worst <= 1e-5, "level error " + worst);
    }

    @Test
    void meanIsPreservedAndConstantIsAFixedPoint() {
        int w = 32;
        int h = 24;
        double[] y = random(w * h, 7);
        double[] x = TvDenoiser.withDefaults(0.05).denoise(y, w, h);
        double my = 0.0;
        double mx = 0.0;
        double change = 0.0;
        for (int i = 0; i < y.length; i++) {
            my += y[i];
            mx += x[i];
            change += Math.abs(x[i] - y[i]);
        }
        assertEquals(my / y.length, mx / x.length, 1e-14);
        assertTrue(change / y.length > 0.05, "TV must change a noisy image");

        float[] constant = new float[w * h];
        java.util.Arrays.fill(constant, 40.0f);
        TvDenoiser tv = TvDenoiser.withDefaults(0.03);
        float[] out = tv.denoiseHu(constant, w, h);
        for (float v : out) {
            assertEquals(40.0f, v, 0.0f);
        }
        assertEquals(1, tv.lastIterations());
    }

    /** Not a pass/fail check: reports the cost of the baseline at its iteration cap on a 512×512 slice. */
    @Test
    void timing512() {
        int n = 512;
        float[] hu = new float[n * n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) (((i % n) > n / 2 ? 60 : 0) + 30 * r.nextDouble(-1, 1));
        }
        TvDenoiser tv = new TvDenoiser(0.02, 0.0, 200);
        tv.denoiseHu(hu, n, n); // warm-up
        long t0 = System.nanoTime();
        tv.denoiseHu(hu, n, n);
        double ms = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        GaussianFilter.apply(hu, n, n, 2.5);
        double gms = (System.nanoTime() - t1) / 1e6;
        System.out.printf("TV 512x512: %.2f ms per iteration (x1000 = one capped slice), %d iterations; Gaussian s=2.5: %.1f ms%n", ms / tv.lastIterations(), tv.lastIterations(), gms);
        assertEquals(200, tv.lastIterations());
    }
}
