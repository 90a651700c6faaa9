package org.ddlm.validation.report;

import org.ddlm.validation.metrics.HuImage;

/**
 * One slice as the report needs it, filled by the caller from DICOM.
 *
 * @param sopInstanceUid for the CSV; may be null
 * @param width          columns
 * @param height         rows
 * @param hu             width*height HU values, row-major
 * @param padding        true where the pixel is padding (dicom.md section 4); null when there is none
 */
public record SliceImage(String sopInstanceUid, int width, int height, float[] hu, boolean[] padding) {

    public SliceImage {
        if (width <= 0 || height <= 0 || hu == null || hu.length != (long) width * height) {
            throw new IllegalArgumentException("slice " + sopInstanceUid + ": " + width + "x" + height
                    + " needs " + (long) width * height + " HU values, got " + (hu == null ? "none" : hu.length));
        }
        if (padding != null && padding.length != hu.length) {
            throw new IllegalArgumentException("slice " + sopInstanceUid + ": padding mask has " + padding.length
                    + " entries, image " + hu.length);
        }
    }

    HuImage toHu() {
        return HuImage.of(width, height, hu);
    }

    boolean sameGrid(SliceImage o) {
        return width == o.width && height == o.height;
    }
}
