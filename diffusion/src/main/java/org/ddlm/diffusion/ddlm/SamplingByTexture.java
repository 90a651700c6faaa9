package org.ddlm.diffusion.ddlm;

import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;

/**
 * How the defaults sample a slice, chosen by its measured noise texture (algorithms.md §6.5). Smooth noise keeps
 * DDIM with N = 2 in two mirror views; the sharpest noise (sharpness at least {@value #SHARP_FROM}: ramp-like kernels, where the
 * calibration curve is at its lowest c_t, 1.45, {@link TimeFactorCurve}) starts lowest, where two DDIM steps fall up to 1.5 dB short of the 100-step DDIM run from the
 * same start, so it takes DPM-Solver++(3M) with N = 3 in one view: the same 4 network evaluations, within 0.2 dB of
 * that reference (measurements in the prior's MODEL_CARD.md). Only the defaults adapt: settings that ask for another
 * sampler, step count, view count or ensemble are used on every slice as given.
 */
public final class SamplingByTexture {

    /** Sharpness (the excess noise's finest-band share, {@link NoiseProfile}) from which noise counts as sharp. */
    public static final double SHARP_FROM = 0.8;

    /** DPM-Solver++(3M) steps for sharp noise: its first step takes two evaluations, so 3 steps cost 4. */
    public static final int SHARP_STEPS = 3;

    private SamplingByTexture() {
    }

    /** True when {@code settings} sample as the defaults do, so that sharp slices may be sampled differently. */
    public static boolean adapts(DdlmSettings settings) {
        DdlmSettings d = DdlmSettings.defaults();
        return settings.sampler() instanceof DdimSampler
                && settings.sampler().name().equals(d.sampler().name())
                && settings.steps() == d.steps() && settings.flips() == d.flips()
                && settings.ensemble() == d.ensemble();
    }

    /** The settings for sharp noise: these settings with DPM-Solver++(3M), N = {@value #SHARP_STEPS}, one view. */
    public static DdlmSettings forSharpNoise(DdlmSettings settings) {
        return settings.withSampler(new DpmSolver3MSampler(), SHARP_STEPS).withFlips(1);
    }

    /** A measured profile whose excess noise is sharp; a given level (nothing measured) never is. */
    public static boolean isSharp(NoiseProfile profile) {
        return profile != null && profile.sharpness() >= SHARP_FROM;
    }
}
