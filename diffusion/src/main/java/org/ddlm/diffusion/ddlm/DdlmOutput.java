package org.ddlm.diffusion.ddlm;

/**
 * One denoised slice in HU (float; rounding and clamping belong to the DICOM writer).
 *
 * @param sigmaNHu  the noise level used (HU)
 * @param match     t* for that level
 * @param unchanged true when the slice was returned as is because its noise is below the schedule's range
 */
public record DdlmOutput(float[] hu, double sigmaNHu, TimeMatch match, boolean unchanged, float[] spread) {

    /**
     * @param spread per-pixel std (HU) across the views and members averaged into {@code hu}; zeros when there was
     *               one element or the slice was not sampled
     */
    public DdlmOutput {
        if (spread == null) {
            spread = new float[hu.length];
        }
    }

    public DdlmOutput(float[] hu, double sigmaNHu, TimeMatch match, boolean unchanged) {
        this(hu, sigmaNHu, match, unchanged, null);
    }
}
