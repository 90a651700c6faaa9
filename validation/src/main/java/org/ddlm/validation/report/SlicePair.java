package org.ddlm.validation.report;

/**
 * A test slice paired with its reference (and optionally the low-dose input) at one position.
 *
 * @param index          slice_index in the CSV (the caller's pairing order)
 * @param zMm            position along the slice normal, mm (the x axis of the plot)
 * @param instanceNumber of the test slice; may be null
 * @param test           the image being judged
 * @param reference      the full-dose reference
 * @param input          the low-dose input, or null
 * @param clampedPixels  pixels clamped when the test slice was written, or null when not known
 */
public record SlicePair(int index, double zMm, Integer instanceNumber, SliceImage test, SliceImage reference,
                        SliceImage input, Integer clampedPixels) {

    public SlicePair {
        if (test == null || reference == null) {
            throw new IllegalArgumentException("slice " + index + ": test and reference are required");
        }
    }

    public SlicePair(int index, double zMm, SliceImage test, SliceImage reference, SliceImage input) {
        this(index, zMm, null, test, reference, input, null);
    }
}
