package org.ddlm.core;

/**
 * One CT slice in Hounsfield units, row-major ({@code hu[y * width + x]}): the one image type every module passes
 * around (reading, denoising, training, simulating, measuring).
 *
 * @param width   columns
 * @param height  rows
 * @param hu      width*height HU values; padding pixels keep their rescaled values
 * @param padding true where the source marked the pixel as padding (PixelPaddingValue/RangeLimit, dicom.md
 *                section 4); null when the slice has none. Consumers fill padding while working and restore it.
 */
public record HuImage(int width, int height, float[] hu, boolean[] padding) {

    public HuImage {
        if (width < 1 || height < 1 || hu == null || hu.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " HU values, got " + (hu == null ? "none" : hu.length));
        }
        if (padding != null && padding.length != hu.length) {
            throw new IllegalArgumentException("padding mask has " + padding.length + " entries for " + hu.length
                    + " pixels");
        }
    }

    /** An image without padding. */
    public HuImage(int width, int height, float[] hu) {
        this(width, height, hu, null);
    }

    public int size() {
        return hu.length;
    }

    public float at(int x, int y) {
        return hu[y * width + x];
    }

    public boolean isPadding(int i) {
        return padding != null && padding[i];
    }

    public boolean sameGrid(HuImage other) {
        return width == other.width && height == other.height;
    }

    /** The same grid and padding with other HU values (e.g. a denoised result). */
    public HuImage withHu(float[] values) {
        return new HuImage(width, height, values, padding);
    }

    /**
     * The value padding pixels take wherever they must hold a number (denoising, simulating, measuring): air, so
     * they neither add edges nor count as tissue. One value for every module (metrics.md section 1).
     */
    public static final float PADDING_FILL_HU = -1024f;

    /** A copy with padding pixels set to {@code fill} (e.g. {@link #PADDING_FILL_HU} while denoising). */
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
        if (result.length != hu.length) {
            throw new IllegalArgumentException(result.length + " values for a " + width + "x" + height + " image");
        }
        if (padding != null) {
            for (int i = 0; i < result.length; i++) {
                if (padding[i]) {
                    result[i] = hu[i];
                }
            }
        }
        return result;
    }

    /** The values as doubles (the metrics compute in double, metrics.md section 1). */
    public double[] toDoubles() {
        double[] d = new double[hu.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = hu[i];
        }
        return d;
    }
}
