package org.ddlm.diffusion.ddlm;

import org.ddlm.core.HuImage;

/**
 * One slice to denoise and what identifies its random streams.
 *
 * @param sigmaNHu   the excess noise in HU, or NaN to estimate it from the slice (no z-median)
 * @param timeFactor the start factor c_t for this slice, or NaN for the settings' one
 */
public record DdlmInput(HuImage slice, String seriesUid, int sliceIndex, double sigmaNHu, double timeFactor) {

    public DdlmInput(HuImage slice, String seriesUid, int sliceIndex, double sigmaNHu) {
        this(slice, seriesUid, sliceIndex, sigmaNHu, Double.NaN);
    }

    public DdlmInput(HuImage slice, String seriesUid, int sliceIndex) {
        this(slice, seriesUid, sliceIndex, Double.NaN, Double.NaN);
    }
}
