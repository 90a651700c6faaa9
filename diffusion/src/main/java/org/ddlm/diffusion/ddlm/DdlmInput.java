package org.ddlm.diffusion.ddlm;

/**
 * One slice to denoise and what identifies its random streams.
 *
 * @param sigmaNHu the excess noise in HU, or NaN to estimate it from the slice (§6.2, no z-median)
 */
public record DdlmInput(HuSlice slice, String seriesUid, int sliceIndex, double sigmaNHu) {

    public DdlmInput(HuSlice slice, String seriesUid, int sliceIndex) {
        this(slice, seriesUid, sliceIndex, Double.NaN);
    }
}
