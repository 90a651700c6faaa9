package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.NoiseTexture;
import org.junit.jupiter.api.Test;

class TrainingBatchTest {

    @Test
    void eachOwnPatchIsInTheReferenceBatchExactlyOnce() throws ModelException {
        // One 12x12 slice and 8x8 patches: 25 positions x 8 symmetries, so random draws repeat often.
        PatchSampler sampler = new PatchSampler(SyntheticSlices.phantoms(1, 12, 1), 8, 0.0, IntensityMapping.CT_HU);
        for (long step = 0; step < 5; step++) {
            TrainingBatch batch = TrainingBatch.draw(StepRandom.of(7, StepRandom.TRAIN, step), sampler, 6, 60, 100.0);
            List<Patch> refs = batch.patches();
            assertEquals(60, refs.size());
            for (int b = 0; b < 6; b++) {
                int matches = 0;
                for (Patch r : refs) {
                    if (r.sameOrigin(refs.get(b))) {
                        matches++;
                    }
                }
                assertEquals(1, matches, "own patch " + b + " at step " + step);
            }
            for (int i = 0; i < refs.size(); i++) {
                for (int j = i + 1; j < refs.size(); j++) {
                    assertFalse(refs.get(i).sameOrigin(refs.get(j)), "references " + i + " and " + j + " repeat");
                }
            }
        }
    }

    @Test
    void drawsDependOnlyOnSeedAndStep() throws ModelException {
        PatchSampler sampler = new PatchSampler(SyntheticSlices.phantoms(2, 32, 2), 8, 0.5, IntensityMapping.CT_HU);
        TrainingBatch a = TrainingBatch.draw(StepRandom.of(3, StepRandom.TRAIN, 41), sampler, 4, 8, 100.0);
        TrainingBatch b = TrainingBatch.draw(StepRandom.of(3, StepRandom.TRAIN, 41), sampler, 4, 8, 100.0);
        TrainingBatch c = TrainingBatch.draw(StepRandom.of(3, StepRandom.TRAIN, 42), sampler, 4, 8, 100.0);
        assertArrayEquals(a.values(8), b.values(8), 0.0);
        assertArrayEquals(a.time(), b.time(), 0.0);
        assertArrayEquals(a.noise(), b.noise(), 0.0);
        assertFalse(java.util.Arrays.equals(a.noise(), c.noise()));
        for (double u : a.time()) {
            assertTrue(u >= 0 && u <= 100.0);
        }
    }

    /**
     * CT-textured noise keeps the patches and times of the white draw (the texture is drawn last) and is the white
     * noise passed through {@link NoiseTexture#colour}: smoother (neighbours correlate), still deterministic.
     */
    @Test
    void ctTexturedNoiseIsTheWhiteDrawColoured() throws ModelException {
        PatchSampler sampler = new PatchSampler(SyntheticSlices.phantoms(2, 64, 2), 32, 0.5, IntensityMapping.CT_HU);
        TrainingBatch white = TrainingBatch.draw(StepRandom.of(3, StepRandom.TRAIN, 5), sampler, 4, 4, 100.0);
        TrainingBatch ct = TrainingBatch.draw(StepRandom.of(3, StepRandom.TRAIN, 5), sampler, 4, 4, 100.0,
                NoiseTexture.CT);
        TrainingBatch again = TrainingBatch.draw(StepRandom.of(3, StepRandom.TRAIN, 5), sampler, 4, 4, 100.0,
                NoiseTexture.CT);
        assertArrayEquals(white.values(4), ct.values(4), 0.0);
        assertArrayEquals(white.time(), ct.time(), 0.0);
        assertArrayEquals(ct.noise(), again.noise(), 0.0);
        assertFalse(java.util.Arrays.equals(white.noise(), ct.noise()));
        assertTrue(neighbourCorrelation(ct.noise(), 32) > 0.3, "CT noise correlates with its neighbour");
        assertEquals(0.0, neighbourCorrelation(white.noise(), 32), 0.05);
    }

    private static double neighbourCorrelation(double[] v, int size) {
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < v.length; i++) {
            sq += v[i] * v[i];
            if ((i % size) + 1 < size) {
                sum += v[i] * v[i + 1];
            }
        }
        return sum / sq * size / (size - 1);
    }
}
