package org.ddlm.plugin.denoise;

import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;

/** A CT stack as a slice source: each slice is decoded when asked, padding filled with air, nothing kept. */
public final class StackSource implements SeriesDenoiser.SliceSource {
    private final CtStack stack;

    public StackSource(CtStack stack) {
        this.stack = stack;
    }

    @Override
    public int size() {
        return stack.size();
    }

    @Override
    public HuImage slice(int index) throws DicomReadException {
        return toSlice(stack.slices().get(index).loadHu());
    }

    @Override
    public String seriesUid() {
        return stack.seriesInstanceUid();
    }

    @Override
    public double sliceThicknessMm(int index) {
        return stack.sliceThicknessMm(index);
    }

    /** The DDLM view of a decoded slice: padding set to −1024 HU and flagged, so it never counts as noise. */
    static HuImage toSlice(HuImage image) {
        return image.withHu(image.filledCopy(HuImage.PADDING_FILL_HU));
    }
}
