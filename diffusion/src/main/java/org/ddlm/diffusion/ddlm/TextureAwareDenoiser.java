package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.model.Denoiser;

/**
 * DDLM with the safety check ({@link CheckedDenoiser}), each slice sampled as {@link SamplingByTexture} says: with
 * the run's settings, or, when those are the defaults and the slice's measured noise is sharp, with the sharp-noise
 * sampling. A batch is split into its two groups, each sampled as one batch; results come back in input order.
 */
public final class TextureAwareDenoiser {

    private final CheckedDenoiser common;
    /** Null when the run's settings do not adapt to texture. */
    private final CheckedDenoiser sharp;

    /** @param checkOfSlice the check of each input by its {@link DdlmInput#sliceIndex()} */
    public TextureAwareDenoiser(Denoiser prior, DdlmSettings settings, IntFunction<SliceCheck> checkOfSlice,
                                NDManager manager) {
        this.common = new CheckedDenoiser(new DdlmDenoiser(prior, settings, null, manager), checkOfSlice);
        this.sharp = SamplingByTexture.adapts(settings) ? new CheckedDenoiser(new DdlmDenoiser(prior,
                SamplingByTexture.forSharpNoise(settings), null, manager), checkOfSlice) : null;
    }

    /** The settings a slice with this noise profile is sampled with (the denoisers hold both; nothing is rebuilt). */
    public DdlmSettings settingsFor(NoiseProfile profile) {
        return (usesSharp(profile) ? sharp : common).settings();
    }

    /** True when this slice leaves the run's settings for the sharp-noise sampling. */
    public boolean usesSharp(NoiseProfile profile) {
        return sharp != null && SamplingByTexture.isSharp(profile);
    }

    /**
     * @param inputs   one batch, each with its σ_n and c_t
     * @param profiles the measured noise of each input, same order
     * @param cancel   polled only
     */
    public List<CheckedDenoiser.Checked> denoise(List<DdlmInput> inputs, List<NoiseProfile> profiles,
                                                 Progress cancel) {
        if (profiles.size() != inputs.size()) {
            throw new IllegalArgumentException(profiles.size() + " noise profiles for " + inputs.size() + " slices");
        }
        List<Integer> sharpAt = new ArrayList<>();
        List<Integer> commonAt = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            (usesSharp(profiles.get(k)) ? sharpAt : commonAt).add(k);
        }
        CheckedDenoiser.Checked[] out = new CheckedDenoiser.Checked[inputs.size()];
        run(common, commonAt, inputs, out, cancel);
        run(sharp, sharpAt, inputs, out, cancel);
        return List.of(out);
    }

    private static void run(CheckedDenoiser denoiser, List<Integer> at, List<DdlmInput> inputs,
                            CheckedDenoiser.Checked[] out, Progress cancel) {
        if (at.isEmpty()) {
            return;
        }
        List<DdlmInput> group = new ArrayList<>(at.size());
        for (int k : at) {
            group.add(inputs.get(k));
        }
        List<CheckedDenoiser.Checked> done = denoiser.denoise(group, cancel);
        for (int j = 0; j < at.size(); j++) {
            out[at.get(j)] = done.get(j);
        }
    }
}
