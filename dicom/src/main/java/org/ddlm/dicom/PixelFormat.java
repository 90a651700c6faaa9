package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.ddlm.core.HuImage;

/**
 * The Image Pixel and CT Image attributes that turn stored words into HU (dicom.md section 4).
 *
 * @param paddingValue      PixelPaddingValue as a stored value (sign-interpreted per pixel representation), or null
 * @param paddingRangeLimit PixelPaddingRangeLimit likewise, or null
 */
public record PixelFormat(int rows, int cols, int bitsAllocated, int bitsStored, int highBit, boolean signed,
                          double slope, double intercept, Integer paddingValue, Integer paddingRangeLimit,
                          String photometric) {

    /** Largest |RescaleSlope| and |RescaleIntercept| accepted (CT uses slope 1, sometimes 0.5-2; intercepts near -1024). */
    static final double MAX_ABS_SLOPE = 1000;
    static final double MAX_ABS_INTERCEPT = 100000;

    static PixelFormat from(Path path, AttributeList list) throws DicomReadException {
        int rows = (int) Attrs.required(path, list, TagFromName.Rows, 1)[0];
        int cols = (int) Attrs.required(path, list, TagFromName.Columns, 1)[0];
        if (rows <= 0 || cols <= 0 || rows > 8192 || cols > 8192) {
            throw Attrs.badValue(path, TagFromName.Rows, "image size " + rows + "x" + cols + " is outside 1..8192");
        }
        int bitsAllocated = (int) Attrs.number(path, list, TagFromName.BitsAllocated, 0);
        int bitsStored = (int) Attrs.number(path, list, TagFromName.BitsStored, bitsAllocated);
        int highBit = (int) Attrs.number(path, list, TagFromName.HighBit, bitsStored - 1);
        int rep = (int) Attrs.number(path, list, TagFromName.PixelRepresentation, 0);
        int samples = (int) Attrs.number(path, list, TagFromName.SamplesPerPixel, 1);
        String photometric = Attrs.string(list, TagFromName.PhotometricInterpretation);
        if (bitsAllocated != 16 || samples != 1 || !(photometric.equals("MONOCHROME2")
                || photometric.equals("MONOCHROME1")) || bitsStored < 1 || bitsStored > 16
                || highBit != bitsStored - 1 || (rep != 0 && rep != 1)) {
            throw new DicomReadException(path, Problem.UNSUPPORTED_PIXEL_FORMAT, "pixel format BitsAllocated="
                    + bitsAllocated + " BitsStored=" + bitsStored + " HighBit=" + highBit + " PixelRepresentation="
                    + rep + " SamplesPerPixel=" + samples + " " + photometric + " is not CT's", Tags.of(
                    TagFromName.BitsAllocated), -1, "ddlm reads 16-bit monochrome CT with HighBit = BitsStored - 1");
        }
        if (list.get(Tags.MODALITY_LUT_SEQUENCE) != null) {
            throw new DicomReadException(path, Problem.UNSUPPORTED_PIXEL_FORMAT, "Modality LUT Sequence instead of a"
                    + " rescale", Tags.of(Tags.MODALITY_LUT_SEQUENCE), -1, "Convert the file to a linear rescale");
        }
        double slope = Attrs.number(path, list, TagFromName.RescaleSlope, 1.0);
        double intercept = Attrs.number(path, list, TagFromName.RescaleIntercept, 0.0);
        // Beyond these no stored value maps into any CT range: every pixel would be clamped on output.
        if (slope == 0 || Math.abs(slope) > MAX_ABS_SLOPE) {
            throw Attrs.badValue(path, TagFromName.RescaleSlope, "slope " + slope + " is 0 or beyond +-" + MAX_ABS_SLOPE);
        }
        if (Math.abs(intercept) > MAX_ABS_INTERCEPT) {
            throw Attrs.badValue(path, TagFromName.RescaleIntercept, "intercept " + intercept + " is beyond +-"
                    + MAX_ABS_INTERCEPT);
        }
        Integer pad = padding(path, list, TagFromName.PixelPaddingValue, bitsStored, rep == 1);
        Integer padLimit = padding(path, list, TagFromName.PixelPaddingRangeLimit, bitsStored, rep == 1);
        return new PixelFormat(rows, cols, bitsAllocated, bitsStored, highBit, rep == 1, slope, intercept, pad,
                padLimit, photometric);
    }

    private static Integer padding(Path path, AttributeList list, com.pixelmed.dicom.AttributeTag tag, int bits,
                                   boolean signed) throws DicomReadException {
        double[] v = Attrs.numbers(path, list, tag);
        if (v.length == 0) {
            return null;
        }
        // PixelMed reads US/SS by the VR on disk; reinterpret the low bits by the pixel representation.
        int raw = ((int) v[0]) & 0xFFFF;
        return signed ? (int) (short) raw : raw;
    }

    int pixelCount() {
        return rows * cols;
    }

    /** Stored word to the sign-interpreted stored value (section 4, steps 1-2). */
    int storedValue(short word) {
        int shift = highBit + 1 - bitsStored;
        int mask = (1 << bitsStored) - 1;
        int v = ((word & 0xFFFF) >>> shift) & mask;
        if (signed && (v & (1 << (bitsStored - 1))) != 0) {
            v -= 1 << bitsStored;
        }
        return v;
    }

    boolean isPaddingValue(int v) {
        if (paddingValue == null) {
            return false;
        }
        if (paddingRangeLimit == null) {
            return v == paddingValue;
        }
        int lo = Math.min(paddingValue, paddingRangeLimit);
        int hi = Math.max(paddingValue, paddingRangeLimit);
        return v >= lo && v <= hi;
    }

    /** Converts stored words to HU with the padding mask. */
    HuImage toHu(short[] words) {
        int n = pixelCount();
        float[] hu = new float[n];
        boolean[] pad = paddingValue == null ? null : new boolean[n];
        boolean anyPad = false;
        for (int i = 0; i < n; i++) {
            int v = storedValue(words[i]);
            hu[i] = (float) (v * slope + intercept);
            if (pad != null && isPaddingValue(v)) {
                pad[i] = true;
                anyPad = true;
            }
        }
        return new HuImage(cols, rows, hu, anyPad ? pad : null);
    }
}
