package org.ddlm.dicom;

/** What went wrong while reading a DICOM file or series; tests assert these codes, never message text. */
public enum Problem {
    NOT_DICOM,
    TRUNCATED,
    LENGTH_BEYOND_END,
    BAD_STRUCTURE,
    UNSUPPORTED_TRANSFER_SYNTAX,
    UNSUPPORTED_PIXEL_FORMAT,
    NOT_CT,
    ENHANCED_MULTIFRAME,
    MISSING_ATTRIBUTE,
    BAD_VALUE,
    EMPTY_SOP_INSTANCE_UID,
    DUPLICATE_SOP_INSTANCE_UID,
    /** Not a file problem: the output folder or the request itself cannot be honoured. */
    BAD_OUTPUT,
    IO_ERROR
}
