package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/** Closed-form properties of PSNR, RMSE, MAE and SSIM (metrics.md sections 1, 3, 4). */
class PairMeasureTest {

    /** Values on a 1/64 HU lattice, so that adding a whole offset stays exact in float. */
    private static HuImage noisy(int w, int h, long seed, double sd) {
        Random rnd = new Random(seed);
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.round(64 * (40 + 30 * Math.sin(i * 0.05) + sd * rnd.nextGaussian())) / 64f;
        }
        return new HuImage(w, h, p);
    }

    private static HuImage plus(HuImage a, float offset) {
        float[] p = a.hu().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] += offset;
        }
        return a.withHu(p);
    }

    @Test
    void constantOffsetOfTenHuGivesRmseTenAndPsnrFromIt() throws MetricException {
        HuImage ref = noisy(48, 40, 1, 20);
        PairMetrics m = PairMeasure.measure(plus(ref, 10), ref, Window.WIDE, null);
        assertEquals(10.0, m.rmse(), 1e-12);
        assertEquals(10.0, m.mae(), 1e-12);
        assertEquals(10.0, m.rmseClipped(), 1e-12); // every value lies inside the wide window
        assertEquals(20 * Math.log10(2000 / 10.0), m.psnrDb(), 1e-12);
        assertEquals(m.meanRef() + 10, m.meanTest(), 1e-9);
    }

    @Test
    void identicalImagesGiveInfinitePsnrAndSsimOne() throws MetricException {
        HuImage ref = noisy(30, 30, 2, 50);
        PairMetrics m = PairMeasure.measure(ref, ref, Window.ABDOMEN, null);
        assertEquals(Double.POSITIVE_INFINITY, m.psnrDb());
        assertTrue(m.identical());
        assertEquals(0.0, m.rmse(), 0.0);
        assertEquals(1.0, m.ssim(), 1e-15);
    }

    @Test
    void ssimIsSymmetricAndBelowOneForDifferentImages() throws MetricException {
        HuImage a = noisy(37, 29, 3, 40);
        HuImage b = noisy(37, 29, 4, 40);
        double ab = PairMeasure.measure(a, b, Window.ABDOMEN, null).ssim();
        double ba = PairMeasure.measure(b, a, Window.ABDOMEN, null).ssim();
        assertEquals(ab, ba, 1e-15);
        assertTrue(ab < 0.9 && ab > 0, "SSIM " + ab);
    }

    @Test
    void elevenByElevenWorksAndSmallerIsRefused() throws MetricException {
        HuImage a = noisy(11, 11, 5, 30);
        HuImage b = noisy(11, 11, 6, 30);
        double s = PairMeasure.measure(a, b, Window.ABDOMEN, null).ssim();
        assertTrue(s > -1 && s < 1);
        // With an 11x11 image there is exactly one kept pixel: the map has size 1.
        double[] x = new double[121];
        double[] y = new double[121];
        for (int i = 0; i < 121; i++) {
            x[i] = Window.ABDOMEN.clipShift(a.hu()[i]);
            y[i] = Window.ABDOMEN.clipShift(b.hu()[i]);
        }
        assertEquals(1, Ssim.map(x, y, 11, 11, 400).length);
        MetricException e = assertThrows(MetricException.class,
                () -> PairMeasure.measure(noisy(10, 11, 5, 1), noisy(10, 11, 6, 1), Window.ABDOMEN, null));
        assertTrue(e.getMessage().contains("11x11"), e.getMessage());
        assertThrows(MetricException.class,
                () -> PairMeasure.measure(noisy(11, 10, 5, 1), noisy(11, 10, 6, 1), Window.ABDOMEN, null));
    }

    @Test
    void differentSizesAreRefused() {
        assertThrows(MetricException.class,
                () -> PairMeasure.measure(noisy(20, 20, 1, 1), noisy(20, 21, 1, 1), Window.WIDE, null));
    }

    @Test
    void ssimOfAConstantShiftMatchesTheLuminanceTermClosedForm() throws MetricException {
        // For y = x + c in the window, sigma terms are equal, so S = (2 mx my + C1) / (mx^2 + my^2 + C1) on a
        // constant image: a closed form for the luminance term.
        int n = 15;
        double[] x = new double[n * n];
        double[] y = new double[n * n];
        java.util.Arrays.fill(x, 100);
        java.util.Arrays.fill(y, 160);
        double c1 = Math.pow(0.01 * 400, 2);
        double expected = (2 * 100 * 160 + c1) / (100 * 100 + 160 * 160 + c1);
        // Tolerance: G*(x^2) - (G*x)^2 cancels catastrophically for a constant 100, leaving ~1e-11 HU^2.
        assertEquals(expected, Ssim.mean(x, y, n, n, 400), 1e-12);
    }

    @Test
    void paddingInOneImageOnlyChangesNoMetric() throws MetricException {
        int w = 40;
        int h = 36;
        HuImage ref = noisy(w, h, 8, 30);
        HuImage test = noisy(w, h, 9, 30);
        boolean[] pad = new boolean[w * h];
        float[] tGarbage = test.hu().clone();
        float[] rGarbage = ref.hu().clone();
        float[] tClean = test.hu().clone();
        float[] rClean = ref.hu().clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 6; x++) { // a padded band on the left, as from a circular FOV
                int i = y * w + x;
                pad[i] = true;
                tGarbage[i] = -3024;
                rGarbage[i] = 500;
                tClean[i] = -1024;
                rClean[i] = -1024;
            }
        }
        PairMetrics clean = PairMeasure.measure(new HuImage(w, h, tClean), new HuImage(w, h, rClean),
                Window.WIDE, null);
        Padding.Pair inTest = Padding.apply(new HuImage(w, h, tGarbage, pad), new HuImage(w, h, rGarbage));
        Padding.Pair inRef = Padding.apply(new HuImage(w, h, tGarbage), new HuImage(w, h, rGarbage, pad));
        for (Padding.Pair p : new Padding.Pair[] {inTest, inRef}) {
            PairMetrics m = PairMeasure.measure(p.test(), p.reference(), Window.WIDE, null);
            assertEquals(clean, m);
        }
        // Without the padding rule the garbage would count.
        PairMetrics raw = PairMeasure.measure(new HuImage(w, h, tGarbage), new HuImage(w, h, rGarbage),
                Window.WIDE, null);
        assertTrue(raw.rmse() > clean.rmse() + 100);
    }

    @Test
    void anEmptyMaskGivesNanMetrics() throws MetricException {
        float[] p = new float[20 * 20];
        Arrays.fill(p, -1024);
        HuImage img = new HuImage(20, 20, p);
        PairMetrics pm = PairMeasure.measure(img, img, Window.ABDOMEN, new boolean[p.length]);
        assertTrue(pm.empty());
        assertTrue(Double.isNaN(pm.psnrDb()) && Double.isNaN(pm.ssim()));
    }
}
