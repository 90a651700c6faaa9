package org.ddlm.validation.report;

import org.ddlm.core.HuImage;

/**
 * One slice as the report needs it, filled by the caller from DICOM.
 *
 * @param sopInstanceUid for the CSV; may be null
 * @param image          the slice in HU with its padding mask (dicom.md section 4)
 */
public record SliceImage(String sopInstanceUid, HuImage image) {

    public SliceImage {
        if (image == null) {
            throw new IllegalArgumentException("slice " + sopInstanceUid + ": no image");
        }
    }
}
