package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/** PSNR, SSIM, RMSE and MAE against scikit-image 0.19.3 (metrics.md section 6 tolerances). */
class SkimageVectorsTest {

    private static final Map<String, Window> WINDOWS = Map.of("abdomen", Window.ABDOMEN, "wide", Window.WIDE,
            "chest", Window.CHEST, "full", Window.FULL);

    @Test
    void everyCaseInEveryWindowMatchesSkimage() throws MetricException {
        List<Map<String, Object>> cases = SkimageVectors.cases();
        assertEquals(8, cases.size(), "vector cases");
        double worstSsim = 0;
        double worstPsnr = 0;
        int checked = 0;
        for (Map<String, Object> c : cases) {
            HuImage test = SkimageVectors.image(c, "a");
            HuImage ref = SkimageVectors.image(c, "b");
            Map<String, Object> windows = TinyJson.obj(c, "windows");
            assertEquals(WINDOWS.keySet(), windows.keySet());
            for (Map.Entry<String, Object> e : windows.entrySet()) {
                String where = c.get("name") + "/" + e.getKey();
                Window window = WINDOWS.get(e.getKey());
                Object expected = e.getValue();
                Map<String, Object> w = TinyJson.obj(expected, "window");
                assertEquals(TinyJson.num(w, "lo"), window.lo(), 0.0, where);
                assertEquals(TinyJson.num(w, "hi"), window.hi(), 0.0, where);

                PairMetrics m = PairMeasure.measure(test, ref, window, null);
                boolean identical = (Boolean) ((Map<?, ?>) expected).get("identical");
                assertEquals(identical, m.identical(), where);
                if (identical) {
                    assertEquals(Double.POSITIVE_INFINITY, m.psnrDb(), where);
                } else {
                    double psnr = TinyJson.num(expected, "psnr");
                    assertEquals(psnr, m.psnrDb(), 0.01, where);
                    worstPsnr = Math.max(worstPsnr, Math.abs(psnr - m.psnrDb()));
                }
                double ssim = TinyJson.num(expected, "ssim");
                assertEquals(ssim, m.ssim(), 1e-4, where);
                worstSsim = Math.max(worstSsim, Math.abs(ssim - m.ssim()));
                assertEquals(TinyJson.num(expected, "mse"), m.mseClipped(), 1e-9 * (1 + m.mseClipped()), where);
                assertEquals(TinyJson.num(expected, "rmse_clipped"), m.rmseClipped(), 1e-6, where);
                assertEquals(TinyJson.num(expected, "rmse"), m.rmse(), 1e-6, where);
                assertEquals(TinyJson.num(expected, "mae"), m.mae(), 1e-6, where);
                checked++;
            }
        }
        assertEquals(32, checked);
        // The re-implementation follows skimage's arithmetic, so it should be far inside the tolerances.
        System.out.printf("skimage vectors: max |dPSNR| = %.3g dB, max |dSSIM| = %.3g%n", worstPsnr, worstSsim);
        assertTrue(worstSsim < 1e-10, "SSIM drifted from skimage by " + worstSsim);
        assertTrue(worstPsnr < 1e-9, "PSNR drifted from skimage by " + worstPsnr);
    }

    @Test
    void maskedCaseMatchesSkimageMapOverMaskAndCrop() throws MetricException {
        Map<String, Object> c = SkimageVectors.cases().stream()
                .filter(x -> x.containsKey("mask_file")).findFirst().orElseThrow();
        HuImage test = SkimageVectors.image(c, "a");
        HuImage ref = SkimageVectors.image(c, "b");
        boolean[] pythonMask = SkimageVectors.mask(c);

        // The Java body mask equals scipy's label + binary_fill_holes version, pixel for pixel.
        boolean[] mask = BodyMask.of(ref);
        assertArrayEquals(pythonMask, mask);

        for (Map.Entry<String, Object> e : TinyJson.obj(c, "windows").entrySet()) {
            String where = "masked/" + e.getKey();
            Object expected = e.getValue();
            PairMetrics m = PairMeasure.measure(test, ref, WINDOWS.get(e.getKey()), mask);
            assertFalse(m.empty());
            assertEquals(TinyJson.num(expected, "mask_fraction"), BodyMask.fraction(mask), 1e-15, where);
            assertEquals(TinyJson.num(expected, "ssim_masked"), m.ssim(), 1e-10, where);
            assertEquals(TinyJson.num(expected, "psnr_masked"), m.psnrDb(), 1e-9, where);
            assertEquals(TinyJson.num(expected, "rmse_masked"), m.rmse(), 1e-6, where);
            // The masked and unmasked SSIM differ here (air outside the body is excluded).
            assertTrue(Math.abs(m.ssim() - TinyJson.num(expected, "ssim")) > 1e-3, where);
        }
    }
}
