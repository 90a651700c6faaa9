package org.ddlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The body mask of metrics.md section 5 on synthetic discs, counted by hand. */
class BodyMaskTest {

    /** A disc of radius 20 at (28, 30) with an air hole of radius 5, a separate 5x5 blob, and one diagonal pixel. */
    private static final int W = 64;
    private static final int H = 64;

    private static float[] discWithHoleAndBlob() {
        float[] p = new float[W * H];
        Arrays.fill(p, -1000);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double r = Math.hypot(x - 28, y - 30);
                if (r <= 20) {
                    p[y * W + x] = r <= 5 ? -900 : 40;
                }
                if (Math.abs(x - 58) <= 2 && Math.abs(y - 8) <= 2) {
                    p[y * W + x] = 300; // like the table
                }
            }
        }
        p[9 * W + 29] = 0; // touches the disc only diagonally: joins it under 8-connectivity
        return p;
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static int discPixels(double radius) {
        int n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                n += Math.hypot(x - 28, y - 30) <= radius ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void discWithAirHoleIsFilledAndSeparateBlobRemoved() {
        boolean[] m = BodyMask.of(new HuImage(W, H, discWithHoleAndBlob()));
        assertTrue(m[30 * W + 28], "hole centre filled");
        assertTrue(m[30 * W + 33], "hole edge filled");
        assertFalse(m[8 * W + 58], "blob removed");
        assertTrue(m[9 * W + 29], "8-connected pixel kept");
        assertEquals(discPixels(20) + 1, count(m));
        assertEquals((discPixels(20) + 1) / (double) (W * H), BodyMask.fraction(m), 1e-15);
    }

    @Test
    void largestRegionAloneKeepsTheHoles() {
        float[] p = discWithHoleAndBlob();
        boolean[] region = BodyMask.largestRegion(BodyMask.above(new HuImage(W, H, p).toDoubles(), null), W, H);
        assertFalse(region[30 * W + 28], "hole centre stays out");
        assertEquals(discPixels(20) - discPixels(5) + 1, count(region));
    }

    @Test
    void paddingNeverEntersTheMaskWhateverItsValue() {
        float[] p = discWithHoleAndBlob();
        boolean[] padding = new boolean[W * H];
        // An L-shaped padded band (1,496 pixels, the blob inside it) far above the threshold and larger than the
        // disc: it would be the largest region if padding counted.
        for (int i = 0; i < W * H; i++) {
            if (i / W >= 52 || i % W >= 50) {
                padding[i] = true;
                p[i] = 2000;
            }
        }
        HuImage image = new HuImage(W, H, p, padding);
        boolean[] m = BodyMask.of(image);
        assertEquals(discPixels(20) + 1, count(m));
        assertFalse(m[63 * W + 63]);
        // The same mask from doubles with the padding passed alongside.
        assertArrayEquals(m, BodyMask.of(image.toDoubles(), W, H, padding));
    }

    @Test
    void backgroundTouchingOnlyDiagonallyIsStillAHole() {
        // A ring whose wall has a diagonal gap: the inside reaches the outside only diagonally, so with 4-connected
        // background it is a hole and gets filled.
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
        p[2 * w + 6] = -1000; // remove a corner
        boolean[] m = BodyMask.of(new HuImage(w, h, p));
        assertTrue(m[4 * w + 4]);
        assertTrue(m[3 * w + 5]);
        assertFalse(m[2 * w + 6], "the removed corner is reached 4-connected from outside");
    }

    @Test
    void thresholdIsStrictAndTiesKeepTheFirstRegion() {
        // Two 2-pixel regions in one row: the first found wins; -500 itself is not body.
        float[] p = {-400, -400, -1000, -300, -300, -1000, -500};
        boolean[] m = BodyMask.of(new HuImage(7, 1, p));
        assertArrayEquals(new boolean[] {true, true, false, false, false, false, false}, m);
        float[] air = new float[16];
        Arrays.fill(air, -1024);
        assertEquals(0.0, BodyMask.fraction(BodyMask.of(new HuImage(4, 4, air))));
    }
}
