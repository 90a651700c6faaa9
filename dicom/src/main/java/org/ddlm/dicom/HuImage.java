package org.ddlm.dicom;

/**
 * One slice in Hounsfield units, row-major ({@code hu[row * cols + col]}).
 *
 * @param padding true where the source marked the pixel as padding (PixelPaddingValue/RangeLimit); null when none.
 *                The HU array keeps the rescaled padding values; consumers fill them while working and restore them.
 */
public record HuImage(int rows, int cols, float[] hu, boolean[] padding) {
    public HuImage {
        if (hu.length != rows * cols || (padding != null && padding.length != hu.length)) {
            throw new IllegalArgumentException("array sizes do not match " + rows + "x" + cols);
        }
    }

    public boolean isPadding(int i) {
        return padding != null && padding[i];
    }

    /** A copy with padding pixels set to {@code fill} (e.g. -1024 HU while denoising or simulating). */
    public float[] filledCopy(float fill) {
        float[] out = hu.clone();
        if (padding != null) {
            for (int i = 0; i < out.length; i++) {
                if (padding[i]) {
                    out[i] = fill;
                }
            }
        }
        return out;
    }

    /** Puts this image's padding values back into {@code result} (same size), returning it. */
    public float[] restorePadding(float[] result) {
        if (padding != null) {
            for (int i = 0; i < result.length; i++) {
                if (padding[i]) {
                    result[i] = hu[i];
                }
            }
        }
        return result;
    }
}
