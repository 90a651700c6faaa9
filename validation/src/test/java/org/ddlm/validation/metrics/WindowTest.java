package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Window names, W,L and lo:hi parsing, and the clip-then-measure rule (metrics.md section 2). */
class WindowTest {

    @Test
    void namedWindowsHaveTheRangesOfTheTable() throws MetricException {
        assertRange(Window.parse("abdomen"), 400, -150, 250);
        assertRange(Window.parse("WIDE"), 2000, -1000, 1000);
        assertRange(Window.parse("chest"), 1500, -1350, 150);
        assertSame(Window.CHEST, Window.parse("lung"));
        assertRange(Window.parse(" full "), 4095, -1024, 3071);
        assertEquals("W400/L50", Window.ABDOMEN.label());
        assertEquals("W4095/L1023.5", Window.FULL.label());
    }

    @Test
    void customWindowsFromWidthLevelOrRange() throws MetricException {
        Window wl = Window.parse("400,50");
        assertEquals("custom", wl.name());
        assertRange(wl, 400, -150, 250);
        assertRange(Window.parse("-150:250"), 400, -150, 250);
        assertRange(Window.parse("-1350 : 150"), 1500, -1350, 150);
        assertRange(Window.parse("-2000:-1000"), 1000, -2000, -1000);
        assertRange(Window.parse("80.5,-20"), 80.5, -60.25, 20.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "liver", "400", "0,50", "-400,50", "400,50,3", "a,b", "250:-150", "5:5",
        "1:2:3", "NaN,0", "Infinity,0", ":", "400;50"})
    void badWindowsAreRejectedWithAHint(String text) {
        MetricException e = assertThrows(MetricException.class, () -> Window.parse(text));
        assertEquals(true, e.getMessage().contains("window"), e.getMessage());
    }

    @Test
    void clipIsAppliedToBothImages() throws MetricException {
        // Moving out-of-window values further out, in either image, changes nothing once both are clipped.
        Random rnd = new Random(7);
        int w = 32;
        int h = 24;
        float[] t = new float[w * h];
        float[] r = new float[w * h];
        for (int i = 0; i < t.length; i++) {
            r[i] = (float) (-400 + 800 * rnd.nextDouble());
            t[i] = (float) (r[i] + 40 * rnd.nextGaussian());
        }
        float[] t2 = t.clone();
        float[] r2 = r.clone();
        for (int i = 0; i < t.length; i++) {
            if (t2[i] > 250) {
                t2[i] += 3000;
            }
            if (r2[i] < -150) {
                r2[i] -= 3000;
            }
        }
        Window win = Window.ABDOMEN;
        PairMetrics a = PairMeasure.measure(new HuImage(w, h, t), new HuImage(w, h, r), win, null);
        PairMetrics b = PairMeasure.measure(new HuImage(w, h, t2), new HuImage(w, h, r2), win, null);
        assertEquals(a.psnrDb(), b.psnrDb(), 1e-12);
        assertEquals(a.ssim(), b.ssim(), 1e-15);
        assertEquals(a.rmseClipped(), b.rmseClipped(), 1e-12);
        // The unclipped RMSE does see the change.
        assertEquals(true, b.rmse() > a.rmse() + 100);
    }

    @Test
    void ssimWithRangeWEqualsSsimOfNormalisedImagesWithRangeOne() throws MetricException {
        Random rnd = new Random(11);
        int w = 40;
        int h = 30;
        Window win = Window.ABDOMEN;
        double[] x = new double[w * h];
        double[] y = new double[w * h];
        double[] xn = new double[w * h];
        double[] yn = new double[w * h];
        for (int i = 0; i < x.length; i++) {
            double base = -300 + 700 * rnd.nextDouble();
            x[i] = win.clipShift(base);
            y[i] = win.clipShift(base + 50 * rnd.nextGaussian());
            xn[i] = x[i] / win.width();
            yn[i] = y[i] / win.width();
        }
        double s = Ssim.mean(x, y, w, h, win.width());
        double sn = Ssim.mean(xn, yn, w, h, 1.0);
        assertEquals(sn, s, 1e-12);
        // And the shift matters (the decision "SSIM offset"): unshifted clipped HU give another value.
        double[] xu = new double[w * h];
        double[] yu = new double[w * h];
        for (int i = 0; i < x.length; i++) {
            xu[i] = x[i] + win.lo();
            yu[i] = y[i] + win.lo();
        }
        assertEquals(true, Math.abs(Ssim.mean(xu, yu, w, h, win.width()) - s) > 1e-3);
    }

    private static void assertRange(Window w, double width, double lo, double hi) {
        assertEquals(width, w.width(), 0.0);
        assertEquals(lo, w.lo(), 0.0);
        assertEquals(hi, w.hi(), 0.0);
    }
}
