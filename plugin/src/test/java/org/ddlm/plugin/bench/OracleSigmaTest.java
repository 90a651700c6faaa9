package org.ddlm.plugin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/** std(LD − ND) over the body: exact on a disk with a known ±a checkerboard added, air outside ignored. */
class OracleSigmaTest {
    @Test
    void standardDeviationOverTheBodyOnly() {
        int w = 64;
        int h = 64;
        float[] ref = new float[w * h];
        float[] low = new float[w * h];
        double a = 25.0;
        double offset = 7.0; // a mean shift does not count as noise
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean body = (x - 32) * (x - 32) + (y - 32) * (y - 32) <= 20 * 20;
                ref[i] = body ? 40f : -1000f;
                // Air gets a much larger error, which must not enter the statistic.
                low[i] = body ? (float) (40 + offset + ((x + y) % 2 == 0 ? a : -a)) : -1000f + 300f;
            }
        }
        double sigma = OracleSigma.of(new BenchSlice("s", 0, new HuImage(w, h, low), new HuImage(w, h, ref)));
        // The disk has a near-even checkerboard count; its std is a·sqrt(1 − m²) with m the mean sign.
        int plus = 0;
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - 32) * (x - 32) + (y - 32) * (y - 32) <= 400) {
                    n++;
                    plus += (x + y) % 2 == 0 ? 1 : 0;
                }
            }
        }
        double m = (2.0 * plus - n) / n;
        assertEquals(a * Math.sqrt(1 - m * m), sigma, 1e-9);
    }
}
