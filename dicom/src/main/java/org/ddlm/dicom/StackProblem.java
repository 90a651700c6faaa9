package org.ddlm.dicom;

/** A geometry or consistency problem found in a stack, kept as data (dicom.md section 5). */
public record StackProblem(Kind kind, String text) {
    public enum Kind {
        GAP, UNEVEN, DUPLICATE_POSITION, MIXED_MATRIX, TILT, MIXED_PIXEL_SPACING, MIXED_FRAME_OF_REFERENCE,
        RENUMBERED, MIXED_PATIENT_OR_STUDY, PATIENT_CONFLICT
    }

    /** Problems that make slice-by-slice processing refuse the stack (the others are warnings). */
    public boolean blocksProcessing() {
        // One output series must never mix patients, studies or frames of reference (README, patient safety).
        return kind == Kind.DUPLICATE_POSITION || kind == Kind.PATIENT_CONFLICT
                || kind == Kind.MIXED_FRAME_OF_REFERENCE;
    }

    /** What the user can do about a blocking problem. */
    String fix() {
        return switch (kind) {
            case DUPLICATE_POSITION -> "Remove one file of each duplicate pair";
            case PATIENT_CONFLICT -> "Fix the PatientID, or move each patient's files to its own folder";
            case MIXED_FRAME_OF_REFERENCE -> "Give the slices one FrameOfReferenceUID, or move the odd files out";
            default -> "";
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
