package org.ddlm.validation.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianFilterTest {

    private static final int W = 13;
    private static final int H = 9;

    @Test
    void kernelSumsToOneAndIsTruncatedAtFourSigma() {
        for (double s : GaussianFilter.SWEEP_PX) {
            double[] k = GaussianFilter.kernel(s);
            double sum = 0.0;
            for (double v : k) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-15, "s = " + s);
            assertEquals(2 * (int) (4 * s + 0.5) + 1, k.length, "s = " + s);
            assertEquals(k[0], k[k.length - 1], 0.0);
        }
    }

    @Test
    void constantImageIsAFixedPoint() {
        float[] img = new float[40 * 30];
        java.util.Arrays.fill(img, -731.25f);
        for (double s : GaussianFilter.SWEEP_PX) {
            float[] out = GaussianFilter.apply(img, 40, 30, s);
            for (float v : out) {
                assertEquals(-731.25f, v, 1e-3f);
            }
        }
    }

    @Test
    void reflectPaddingRepeatsTheEdgeSample() {
        // n = 3, r = 4: padded positions −4..6 map to 2 2 1 0 | 0 1 2 | 2 1 0 0 (period 6, half-sample symmetric).
        assertArrayEquals(new int[] {2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0}, GaussianFilter.reflectIndices(3, 4));
    }

    /** Matches scipy.ndimage.gaussian_filter(mode='reflect', truncate=4) on a committed 13×9 vector. */
    @Test
    void matchesScipyVectors() throws IOException {
        float[] img = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img[y * W + x] = (float) (100 * Math.sin(0.7 * x + 0.3 * y) + (x > 6 ? 400 : 0) - 50 * y);
            }
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GaussianFilterTest.class.getResourceAsStream("/baseline/gaussian_scipy.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    lines.add(line.trim());
                }
            }
        }
        int checked = 0;
        for (int k = 0; k < lines.size(); k += H + 1) {
            double s = Double.parseDouble(lines.get(k).substring(2));
            float[] out = GaussianFilter.apply(img, W, H, s);
            for (int y = 0; y < H; y++) {
                String[] v = lines.get(k + 1 + y).split(" ");
                for (int x = 0; x < W; x++) {
                    // float32 input rounding (≤ 3e-5 HU here) dominates the difference.
                    assertEquals(Double.parseDouble(v[x]), out[y * W + x], 1e-3, "s=" + s + " at " + x + "," + y);
                    checked++;
                }
            }
        }
        assertEquals(3 * W * H, checked);
    }
}
