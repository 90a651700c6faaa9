package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.ModelException;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {

    /** 16 wide, 8 high: columns 0..9 air (−1000 HU), 10..15 tissue (40 HU). */
    private static HuImage halfAir() {
        float[] hu = new float[16 * 8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                hu[y * 16 + x] = x < 10 ? -1000f : 40f;
            }
        }
        return new HuImage(16, 8, hu);
    }

    @Test
    void patchesWithLessThanHalfBodyAreRejected() throws ModelException {
        PatchSampler sampler = new PatchSampler(SliceSource.of(List.of(halfAir())), 8, 0.5, IntensityMapping.CT_HU);
        SplittableRandom random = new SplittableRandom(1);
        int[] seen = new int[9];
        for (int i = 0; i < 300; i++) {
            Patch p = sampler.draw(random);
            // Body columns in the patch: x+8−10 of 8 must be ≥ 4, i.e. x ≥ 6.
            assertTrue(p.x() >= 6, "patch at x=" + p.x() + " has less than half body");
            seen[p.x()]++;
            long body = Arrays.stream(p.values()).filter(v -> v > -0.5).count();
            assertTrue(body >= 32);
        }
        assertTrue(seen[6] > 0 && seen[7] > 0 && seen[8] > 0, "every admissible position is drawn");
    }

    @Test
    void valuesAreClippedMappedAndPaddingIsAir() throws ModelException {
        float[] hu = {5000f, -3000f, 40f, 100f};
        boolean[] padding = {false, false, false, true};
        HuImage slice = new HuImage(2, 2, hu, padding);
        PatchSampler sampler = new PatchSampler(SliceSource.of(List.of(slice)), 2, 0.25, IntensityMapping.CT_HU);
        Patch p = sampler.draw(new SplittableRandom(2));
        double[] unrotated = {3.071, -1.024, 0.040, -1.024};
        double[] expected = Symmetry.apply(p.symmetry(), unrotated, 2);
        assertArrayEquals(expected, p.values(), 1e-12);
    }

    @Test
    void paddingDoesNotCountAsBody() {
        float[] hu = new float[16];
        Arrays.fill(hu, 40f);
        boolean[] padding = new boolean[16];
        Arrays.fill(padding, 0, 12, true);
        HuImage slice = new HuImage(4, 4, hu, padding);
        assertThrows(ModelException.class, () -> new PatchSampler(SliceSource.of(List.of(slice)), 4, 0.5,
                IntensityMapping.CT_HU).draw(new SplittableRandom(3)));
    }

    @Test
    void drawsAreReproducibleAndUseAllSymmetries() throws ModelException {
        SliceSource slices = SyntheticSlices.phantoms(3, 32, 5);
        PatchSampler sampler = new PatchSampler(slices, 8, 0.5, IntensityMapping.CT_HU);
        boolean[] symmetries = new boolean[8];
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            Patch p = sampler.draw(a);
            Patch q = sampler.draw(b);
            assertTrue(p.sameOrigin(q));
            assertArrayEquals(p.values(), q.values(), 0.0);
            symmetries[p.symmetry()] = true;
        }
        for (int k = 0; k < 8; k++) {
            assertTrue(symmetries[k], "symmetry " + k + " never drawn");
        }
    }

    @Test
    void slicesSmallerThanThePatchAreRefused() {
        ModelException e = assertThrows(ModelException.class, () -> new PatchSampler(
                SliceSource.of(List.of(halfAir())), 16, 0.5, IntensityMapping.CT_HU));
        assertTrue(e.getMessage().contains("smaller than"), e.getMessage());
        assertEquals(8, halfAir().height());
    }
}
