package org.ddlm.dicom;

/** A geometry or consistency problem found in a stack, kept as data (dicom.md section 5). */
public record StackProblem(Kind kind, String text) {
    public enum Kind {
        GAP, UNEVEN, DUPLICATE_POSITION, MIXED_MATRIX, TILT, MIXED_PIXEL_SPACING, MIXED_FRAME_OF_REFERENCE,
        RENUMBERED
    }

    /** Problems that make slice-by-slice processing refuse the stack (the others are warnings). */
    public boolean blocksProcessing() {
        return kind == Kind.DUPLICATE_POSITION;
    }

    @Override
    public String toString() {
        return text;
    }
}
