package org.ddlm.diffusion.ddlm;

/**
 * One CT slice in HU, row-major, with an optional padding mask (true = padding pixel, as the DICOM
 * reader reports it; null = no padding).
 */
public record HuSlice(float[] hu, int width, int height, boolean[] padding) {

    public HuSlice {
        if (width < 1 || height < 1 || hu.length != width * height) {
            throw new IllegalArgumentException(hu.length + " pixels for a " + width + "x" + height + " slice");
        }
        if (padding != null && padding.length != hu.length) {
            throw new IllegalArgumentException("padding mask has " + padding.length + " entries for "
                    + hu.length + " pixels");
        }
    }

    public HuSlice(float[] hu, int width, int height) {
        this(hu, width, height, null);
    }

    public boolean isPadding(int i) {
        return padding != null && padding[i];
    }
}
