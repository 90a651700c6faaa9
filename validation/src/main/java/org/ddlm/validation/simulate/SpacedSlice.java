package org.ddlm.validation.simulate;

import org.ddlm.core.HuImage;

/**
 * One CT slice with its pixel spacing as DICOM gives it: what the simulator needs to project in millimetres.
 * Padding pixels of the image are treated as vacuum and left unchanged.
 *
 * @param image           the HU image with its padding mask
 * @param rowSpacingMm    distance between rows (PixelSpacing[0]) = pixel height
 * @param columnSpacingMm distance between columns (PixelSpacing[1]) = pixel width
 */
public record SpacedSlice(HuImage image, double rowSpacingMm, double columnSpacingMm) {

    public SpacedSlice {
        if (image == null) {
            throw new IllegalArgumentException("no image");
        }
        new ImageGrid(image.width(), image.height(), columnSpacingMm, rowSpacingMm); // validates the spacing
    }

    public ImageGrid grid() {
        return new ImageGrid(image.width(), image.height(), columnSpacingMm, rowSpacingMm);
    }
}
