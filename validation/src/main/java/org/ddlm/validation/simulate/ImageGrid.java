package org.ddlm.validation.simulate;

/**
 * A pixel grid centred on the isocentre (metrics.md section 8: classic CT does not record the reconstruction
 * centre). Row 0 is the top of the image; x grows to the right and y grows up the image, both in mm.
 *
 * @param width  number of columns
 * @param height number of rows
 * @param dxMm   column spacing (DICOM PixelSpacing[1])
 * @param dyMm   row spacing (DICOM PixelSpacing[0])
 */
public record ImageGrid(int width, int height, double dxMm, double dyMm) {

    public ImageGrid {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (!(dxMm > 0) || !(dyMm > 0) || Double.isInfinite(dxMm) || Double.isInfinite(dyMm)) {
            throw new IllegalArgumentException("pixel spacing must be positive and finite, got " + dxMm + " x " + dyMm + " mm");
        }
    }

    /** x (mm) of the centre of column {@code col}. */
    public double x(int col) {
        return (col - (width - 1) / 2.0) * dxMm;
    }

    /** y (mm) of the centre of row {@code row}; row 0 is the top, so y decreases with the row index. */
    public double y(int row) {
        return ((height - 1) / 2.0 - row) * dyMm;
    }

    public int pixels() {
        return width * height;
    }
}
