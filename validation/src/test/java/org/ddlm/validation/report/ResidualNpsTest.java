package org.ddlm.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.Nps;
import org.ddlm.validation.metrics.RadialNps;
import org.junit.jupiter.api.Test;

/**
 * White noise of standard deviation s added to a uniform body has a flat NPS of s^2 dx dy (HU^2 mm^2) whose integral is
 * s^2 (metrics.md section 7): the closed form the residual NPS must reproduce, pooled over slices.
 */
class ResidualNpsTest {
    private static final int N = 256;
    private static final double DX = 0.5;

    private static SliceImage slice(float[] hu) {
        return new SliceImage(null, new HuImage(N, N, hu));
    }

    private static float[] uniform(double hu) {
        float[] a = new float[N * N];
        java.util.Arrays.fill(a, (float) hu);
        return a;
    }

    private static float[] plusNoise(float[] base, double sd, SplittableRandom r) {
        float[] a = base.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] += (float) (sd * gaussian(r));
        }
        return a;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void whiteNoiseGivesAFlatSpectrumAtItsVariance() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        ResidualNps nps = new ResidualNps(DX, DX);
        float[] ref = uniform(40);
        for (int k = 0; k < 3; k++) {
            nps.add(new SlicePair(k, k, slice(plusNoise(ref, 10, r)), slice(ref), slice(plusNoise(ref, 20, r))));
        }
        Nps test = nps.test();
        Nps input = nps.input();
        assertEquals(3 * 16, test.roiCount(), "every 64x64 tile of a 256x256 body, 3 slices");
        // Mean removal takes 1/4096 of the variance; 48 tiles of 4096 samples: sampling error well under 2 %.
        assertEquals(100, test.integral(), 2.0);
        assertEquals(400, input.integral(), 8.0);
        RadialNps radial = test.radial();
        double flat = 100 * DX * DX;
        for (int i = 1; i < radial.nps().length; i++) {
            assertEquals(flat, radial.nps()[i], 0.15 * flat, "bin " + i + " at " + radial.frequency()[i] + "/mm");
        }
        // Flat spectrum: the mean radial frequency lies at the middle of the band's area, not near zero.
        assertTrue(radial.fMean() > 0.4 && radial.fMean() < 0.8, "f_mean " + radial.fMean());

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(NpsChart.render(test, input)));
        assertEquals(NpsChart.WIDTH, png.getWidth());
        assertEquals(NpsChart.HEIGHT, png.getHeight());
    }

    @Test
    void tilesOutsideTheBodyAndWithoutAPixelSizeAreLeftOut() throws Exception {
        float[] air = uniform(-1000);
        ResidualNps nps = new ResidualNps(DX, DX);
        nps.add(new SlicePair(0, 0, slice(plusNoise(air, 10, new SplittableRandom(1))), slice(air), null));
        assertNull(nps.test(), "no body: no tile");
        assertNull(nps.input());
        ResidualNps unknown = new ResidualNps(Double.NaN, Double.NaN);
        float[] ref = uniform(40);
        unknown.add(new SlicePair(0, 0, slice(plusNoise(ref, 10, new SplittableRandom(2))), slice(ref), null));
        assertNull(unknown.test(), "no pixel size: no spectrum in HU^2 mm^2");
    }
}
