package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The banded pass against the whole-image pass of the same UNet, on image-like inputs whose statistics differ from
 * band to band (so a band normalised by itself would be visibly wrong).
 */
class BandedForwardTest {

    private static UNetNetwork network(UNetConfig config, long seed) {
        NDManager weights = NDManager.newBaseManager();
        return new UNetNetwork(UNet.create(config, weights, seed), weights);
    }

    /** A bright disc on a dark ground plus noise: the top rows are all ground, the middle mostly disc. */
    private static NDArray phantom(NDManager m, int batch, int height, int width) {
        float[] v = new float[batch * height * width];
        java.util.Random r = new java.util.Random(5);
        for (int b = 0; b < batch; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double dy = (y - height * 0.55) / (height * 0.35);
                    double dx = (x - width * 0.5) / (width * 0.4);
                    double disc = dx * dx + dy * dy < 1 ? 1.0 + 0.2 * b : -1.0;
                    v[(b * height + y) * width + x] = (float) (disc + 0.1 * r.nextGaussian());
                }
            }
        }
        return m.create(v, new Shape(batch, 1, height, width));
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float f : a) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    private static double maxDifference(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static void bandedEqualsWhole(UNetConfig config, int height, int width, long maxPixels, int batch) {
        try (UNetNetwork net = network(config, 7); NDManager m = NDManager.newBaseManager()) {
            NDArray x = phantom(m, batch, height, width);
            float[] times = new float[batch];
            for (int b = 0; b < batch; b++) {
                times[b] = 5f + 40f * b;
            }
            NDArray u = m.create(times);
            float[] whole = net.forward(x, u).toFloatArray();
            NDArray bandedArray = net.forward(x, u, maxPixels);
            assertEquals(x.getShape(), bandedArray.getShape());
            float[] banded = bandedArray.toFloatArray();
            // float32 rounding of sums taken in another order: relative 1e-5 of the output's scale is generous.
            double scale = maxAbs(whole);
            assertTrue(scale > 0.1, "the network gives a non-trivial output");
            double worst = maxDifference(whole, banded);
            assertTrue(worst <= 1e-5 * scale, "banded vs whole: largest difference " + worst + " of scale " + scale);
        }
    }

    @Test
    void bandsOfTheDefaultShapeGiveTheWholeImagePass() {
        // 96 rows in bands of 16: six bands, every level cut (level 2 bands are 2 rows high).
        assertEquals(7, BandedForward.bounds(96, 80, 8, 16 * 80).length);
        bandedEqualsWhole(UNetConfig.defaults(), 96, 80, 16 * 80, 1);
    }

    @Test
    void bandsOfUnevenHeightAndABatchGiveTheWholeImagePass() {
        // 104 rows in bands of 24: the last band is 8 rows; two elements with their own times.
        assertArrayEquals(new int[] {0, 24, 48, 72, 96, 104}, BandedForward.bounds(104, 64, 8, 24 * 64 + 5));
        bandedEqualsWhole(UNetConfig.defaults(), 104, 64, 24 * 64 + 5, 2);
    }

    @Test
    void twoBlocksPerLevelWithoutPixelFoldGiveTheWholeImagePass() {
        bandedEqualsWhole(new UNetConfig(8, List.of(1, 2, 2, 4), 2, 4, false, 1), 64, 48, 8 * 48, 1);
    }

    @Test
    void aBandIsAtLeastOneSizeMultipleHighAndAtMostTheImage() {
        assertArrayEquals(new int[] {0, 8, 16}, BandedForward.bounds(16, 512, 8, 100));
        assertArrayEquals(new int[] {0, 64}, BandedForward.bounds(64, 64, 8, 1L << 40));
    }

    @Test
    void imagesWithinTheLimitTakeTheWholePassBitForBit() {
        try (UNetNetwork net = network(UNetConfig.defaults(), 3); NDManager m = NDManager.newBaseManager()) {
            NDArray x = phantom(m, 1, 32, 32);
            NDArray u = m.create(new float[] {12f});
            assertArrayEquals(net.forward(x, u).toFloatArray(), net.forward(x, u, 32 * 32).toFloatArray());
            assertArrayEquals(net.forward(x, u).toFloatArray(), net.forward(x, u, 0).toFloatArray());
        }
    }

    @Test
    void bandsNormalisedByThemselvesWouldNotDo() {
        // The reason for whole-map statistics: the top band evaluated alone differs from the same rows of the whole.
        try (UNetNetwork net = network(UNetConfig.defaults(), 7); NDManager m = NDManager.newBaseManager()) {
            NDArray x = phantom(m, 1, 96, 80);
            NDArray u = m.create(new float[] {5f});
            float[] whole = net.forward(x, u).get(new NDIndex(":, :, 0:16, :")).toFloatArray();
            float[] alone = net.forward(x.get(new NDIndex(":, :, 0:32, :")), u).get(new NDIndex(":, :, 0:16, :"))
                    .toFloatArray();
            float[] banded = net.forward(x, u, 16 * 80).get(new NDIndex(":, :, 0:16, :")).toFloatArray();
            double scale = maxAbs(whole);
            assertTrue(maxDifference(whole, alone) > 1e-2 * scale);
            assertTrue(maxDifference(whole, banded) <= 1e-5 * scale);
        }
    }
}
