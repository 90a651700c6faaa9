package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.testkit.PerTestManager;
import org.junit.jupiter.api.Test;

/** Each slice of a batch is sampled as if alone with the settings its texture calls for. */
class TextureAwareDenoiserTest extends PerTestManager {

    private static final DiscreteSchedule COSINE = DiscreteSchedule.cosine(1000);
    private static final String UID = "1.2.826.0.1.3680043.2.1125.2";
    private static final NoiseProfile SMOOTH = new NoiseProfile(25, 27, 8, 0.3);
    private static final NoiseProfile SHARP = new NoiseProfile(35, 36, 30, 0.9);

    /** A fixed random conv net: not mirror-symmetric, so two views differ and their spread shows how many ran. */
    private final Denoiser prior = new Wrapped(new TinyDenoisers.ConvNet(COSINE, 11), IntensityMapping.CT_HU, 1);
    private final SliceCheck check = new SliceCheck(NormalDoseFloor.ofPrior(9.88, 0.0));

    private static List<DdlmInput> twoSlices() {
        int n = 32;
        return List.of(
                new DdlmInput(new HuImage(n, n, Phantoms.add(Phantoms.smooth(n, n), Phantoms.white(n * n, 25, 5))),
                        UID, 0, 25.0, 2.0),
                new DdlmInput(new HuImage(n, n, Phantoms.add(Phantoms.smooth(n, n), Phantoms.white(n * n, 35, 6))),
                        UID, 1, 35.0, 1.45));
    }

    private CheckedDenoiser.Checked alone(DdlmSettings settings, DdlmInput input) {
        return new CheckedDenoiser(new DdlmDenoiser(prior, settings, null, manager), index -> check)
                .denoise(List.of(input), null).get(0);
    }

    @Test
    void theDefaultsSampleSharpSlicesWithTheSharpNoiseSettings() {
        DdlmSettings defaults = DdlmSettings.defaults().withDataType(DataType.FLOAT64);
        List<DdlmInput> in = twoSlices();
        TextureAwareDenoiser d = new TextureAwareDenoiser(prior, defaults, index -> check, manager);
        List<CheckedDenoiser.Checked> out = d.denoise(in, List.of(SMOOTH, SHARP), null);

        CheckedDenoiser.Checked smooth = alone(defaults, in.get(0));
        CheckedDenoiser.Checked sharp = alone(SamplingByTexture.forSharpNoise(defaults), in.get(1));
        assertArrayEquals(smooth.hu(), out.get(0).hu());
        assertArrayEquals(sharp.hu(), out.get(1).hu());
        // the spread across views of the last sampling run: what the views really were, whatever the check decided
        assertArrayEquals(smooth.spread(), out.get(0).spread());
        assertArrayEquals(sharp.spread(), out.get(1).spread());
        assertEquals(smooth.evaluations(), out.get(0).evaluations());
        assertEquals(sharp.evaluations(), out.get(1).evaluations());
        // both cost the defaults' 4 network evaluations per sampling run
        assertEquals(4L * out.get(0).attempts(), out.get(0).evaluations());
        assertEquals(4L * out.get(1).attempts(), out.get(1).evaluations());
        // and the sharp slice really took another path than the defaults would have: one view, so no spread
        assertFalse(Arrays.equals(alone(defaults, in.get(1)).spread(), out.get(1).spread()));
        assertTrue(max(out.get(0).spread()) > 0);
        assertEquals(0.0, max(out.get(1).spread()));
        assertTrue(d.usesSharp(SHARP));
        assertFalse(d.usesSharp(SMOOTH));
        assertFalse(d.usesSharp(NoiseProfile.given(35)));
    }

    @Test
    void settingsTheUserChoseApplyToEverySlice() {
        DdlmSettings chosen = DdlmSettings.defaults().withDataType(DataType.FLOAT64).withFlips(1);
        List<DdlmInput> in = twoSlices();
        TextureAwareDenoiser d = new TextureAwareDenoiser(prior, chosen, index -> check, manager);
        List<CheckedDenoiser.Checked> out = d.denoise(in, List.of(SHARP, SHARP), null);
        assertArrayEquals(alone(chosen, in.get(0)).hu(), out.get(0).hu());
        assertArrayEquals(alone(chosen, in.get(1)).hu(), out.get(1).hu());
        assertArrayEquals(alone(chosen, in.get(1)).spread(), out.get(1).spread());
        assertFalse(d.usesSharp(SHARP));
        assertEquals(chosen, d.settingsFor(SHARP));
        assertThrows(IllegalArgumentException.class, () -> d.denoise(in, List.of(SHARP), null));
    }

    /**
     * Each slice is judged by the check of its own slice index (its floor at its own thickness), once per attempt,
     * in both sampling groups: the smooth slice (index 0) and the sharp one (index 1) are sampled in separate
     * batches where each stands at position 0, so a check looked up by batch position would ask for 0 twice.
     */
    @Test
    void eachSliceIsCheckedWithTheCheckOfItsOwnIndex() {
        DdlmSettings defaults = DdlmSettings.defaults().withDataType(DataType.FLOAT64);
        List<DdlmInput> in = twoSlices();
        List<Integer> asked = new java.util.ArrayList<>();
        TextureAwareDenoiser d = new TextureAwareDenoiser(prior, defaults, index -> {
            asked.add(index);
            return check;
        }, manager);
        List<CheckedDenoiser.Checked> out = d.denoise(in, List.of(SMOOTH, SHARP), null);
        List<Integer> expected = new java.util.ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            for (int a = 0; a < out.get(k).attempts(); a++) {
                expected.add(in.get(k).sliceIndex());
            }
        }
        assertTrue(out.get(0).attempts() >= 1 && out.get(1).attempts() >= 1);
        assertEquals(expected, asked.stream().sorted().toList());
    }

    private static double max(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
