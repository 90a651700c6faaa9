package org.ddlm.diffusion.ddlm;

/**
 * One denoised slice in HU (float; rounding and clamping belong to the DICOM writer).
 *
 * @param sigmaNHu  the noise level used (HU)
 * @param match     t* for that level
 * @param unchanged true when the slice was returned as is because its noise is below the schedule's range
 */
public record DdlmOutput(float[] hu, double sigmaNHu, TimeMatch match, boolean unchanged) {
}
