package org.ddlm.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/** The body mask of metrics.md section 5 on a synthetic disc. */
class BodyMaskTest {

    @Test
    void discWithAirHoleIsFilledAndSeparateBlobRemoved() {
        int w = 64;
        int h = 64;
        float[] p = new float[w * h];
        Arrays.fill(p, -1000);
        int disc = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = Math.hypot(x - 28, y - 30);
                if (r <= 20) {
                    p[y * w + x] = r <= 5 ? -900 : 40; // an air hole of radius 5 inside the disc
                    disc++;
                }
                if (Math.abs(x - 58) <= 2 && Math.abs(y - 8) <= 2) {
                    p[y * w + x] = 300; // a separate 5x5 blob, like the table
                }
            }
        }
        // Diagonal-only contact joins a pixel under 8-connectivity.
        p[9 * w + 29] = 0;
        boolean[] m = BodyMask.fromReference(new HuImage(w, h, p));
        assertTrue(m[30 * w + 28], "hole centre filled");
        assertTrue(m[30 * w + 33], "hole edge filled");
        assertFalse(m[8 * w + 58], "blob removed");
        assertTrue(m[9 * w + 29], "8-connected pixel kept");
        int count = 0;
        for (boolean b : m) {
            count += b ? 1 : 0;
        }
        assertEquals(disc + 1, count);
        assertEquals((disc + 1) / (double) (w * h), BodyMask.fraction(m), 1e-15);
    }

    @Test
    void backgroundTouchingOnlyDiagonallyIsStillAHole() {
        // A ring whose wall is 4-connected-closed but has a diagonal gap: background inside connects to the
        // outside only diagonally, so with 4-connected background it is a hole and gets filled.
        int w = 9;
        int h = 9;
        float[] p = new float[w * h];
        Arrays.fill(p, -1000);
        for (int y = 2; y <= 6; y++) {
            for (int x = 2; x <= 6; x++) {
                if (x == 2 || x == 6 || y == 2 || y == 6) {
                    p[y * w + x] = 50;
                }
            }
        }
        p[2 * w + 6] = -1000; // remove a corner: the inside touches the outside only through a diagonal
        boolean[] m = BodyMask.fromReference(new HuImage(w, h, p));
        assertTrue(m[4 * w + 4]);
        assertTrue(m[3 * w + 5]);
        assertFalse(m[2 * w + 6], "the removed corner is reached 4-connected from outside");
    }

    @Test
    void emptyReferenceGivesEmptyMaskAndNanMetrics() throws MetricException {
        float[] p = new float[20 * 20];
        Arrays.fill(p, -1024);
        HuImage img = new HuImage(20, 20, p);
        boolean[] m = BodyMask.fromReference(img);
        assertEquals(0.0, BodyMask.fraction(m));
        PairMetrics pm = PairMeasure.measure(img, img, Window.ABDOMEN, m);
        assertTrue(pm.empty());
        assertTrue(Double.isNaN(pm.psnrDb()) && Double.isNaN(pm.ssim()));
    }
}
