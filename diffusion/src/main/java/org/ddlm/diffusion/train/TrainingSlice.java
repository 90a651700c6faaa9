package org.ddlm.diffusion.train;

/**
 * One normal-dose slice for training, in Hounsfield units, row-major ({@code hu[y·width + x]}).
 *
 * @param hu      HU values, length width·height
 * @param padding true where the pixel is padding outside the reconstruction (dicom.md section 4's per-slice
 *                mask), or null when the slice has none; padding is treated as air (−1024 HU) and
 *                never counts as body
 */
public record TrainingSlice(float[] hu, int width, int height, boolean[] padding) {

    public TrainingSlice {
        if (width < 1 || height < 1 || hu == null || hu.length != (long) width * height) {
            throw new IllegalArgumentException("slice of " + width + "x" + height + " needs "
                    + ((long) width * height) + " HU values, got " + (hu == null ? "none" : hu.length));
        }
        if (padding != null && padding.length != hu.length) {
            throw new IllegalArgumentException("padding mask has " + padding.length + " entries for "
                    + hu.length + " pixels");
        }
    }

    public boolean isPadding(int index) {
        return padding != null && padding[index];
    }
}
