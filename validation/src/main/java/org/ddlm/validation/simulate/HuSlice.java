package org.ddlm.validation.simulate;

/**
 * One CT slice in HU, row-major, with its pixel spacing as DICOM gives it.
 *
 * @param hu              HU values, {@code width * height}
 * @param rowSpacingMm    distance between rows (PixelSpacing[0]) = pixel height
 * @param columnSpacingMm distance between columns (PixelSpacing[1]) = pixel width
 * @param padding         true where a pixel is padding (outside the scanned area), or null if there is none;
 *                        padding is treated as vacuum and left unchanged
 */
public record HuSlice(float[] hu, int width, int height, double rowSpacingMm, double columnSpacingMm,
                      boolean[] padding) {

    public HuSlice {
        if (hu == null || hu.length != (long) width * height) {
            throw new IllegalArgumentException("HU array must hold width x height = " + width + " x " + height
                    + " values" + (hu == null ? "" : ", got " + hu.length));
        }
        if (padding != null && padding.length != hu.length) {
            throw new IllegalArgumentException("padding mask has " + padding.length + " values, image has " + hu.length);
        }
        new ImageGrid(width, height, columnSpacingMm, rowSpacingMm); // validates the spacing
    }

    public HuSlice(float[] hu, int width, int height, double rowSpacingMm, double columnSpacingMm) {
        this(hu, width, height, rowSpacingMm, columnSpacingMm, null);
    }

    public ImageGrid grid() {
        return new ImageGrid(width, height, columnSpacingMm, rowSpacingMm);
    }

    public boolean isPadding(int i) {
        return padding != null && padding[i];
    }
}
