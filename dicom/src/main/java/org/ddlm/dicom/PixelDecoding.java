package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.ddlm.core.HuImage;

/** Checks the Pixel Data length against the image size and decodes stored words to HU (native or RLE). */
final class PixelDecoding {
    private PixelDecoding() {
    }

    /** Checks what can be checked from the header walk alone (run while scanning, before any pixels are decoded). */
    static String checkLength(Path path, Framing framing, PixelFormat format) throws DicomReadException {
        if (!framing.hasPixelData()) {
            throw new DicomReadException(path, Problem.MISSING_ATTRIBUTE, "image has no Pixel Data", Tags.PIXEL_DATA, -1,
                    "The file holds no image");
        }
        long need = (long) format.pixelCount() * 2;
        if (framing.encapsulated()) {
            if (framing.fragments().size() != 1) {
                // PS3.5 A.4.2: one frame, one fragment. DCMTK and GDCM decode split frames all the same.
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "RLE Pixel Data has "
                        + framing.fragments().size() + " fragments; ddlm reads one fragment per frame",
                        Tags.PIXEL_DATA, framing.pixelDataOffset(), "Decompress it first: dcmdrle IN OUT (DCMTK) or"
                        + " gdcmconv --raw IN OUT (GDCM)");
            }
            long[] f = framing.fragments().get(0);
            RleCheck.check(path, framing.dataset(), (int) f[0], (int) f[1], 2, format.pixelCount());
            return null;
        }
        long have = framing.pixelDataLength();
        if (have < need) {
            throw new DicomReadException(path, Problem.TRUNCATED, "Pixel Data holds " + have + " bytes, "
                    + format.rows() + "x" + format.cols() + " 16-bit pixels need " + need, Tags.PIXEL_DATA,
                    framing.pixelDataOffset(), "The file is truncated or its Rows/Columns are wrong");
        }
        return have > need + 1 ? "Pixel Data has " + (have - need) + " bytes more than the image needs; used the first"
                : null;
    }

    static HuImage decode(ParsedFile parsed, PixelFormat format) throws DicomReadException {
        Path path = parsed.path();
        checkLength(path, parsed.framing(), format);
        Attribute pixels = parsed.list().get(TagFromName.PixelData);
        if (pixels == null) {
            throw new DicomReadException(path, Problem.MISSING_ATTRIBUTE, "image has no Pixel Data", Tags.PIXEL_DATA, -1,
                    "The file holds no image");
        }
        short[] words;
        try {
            words = pixels.getShortValues();
        } catch (DicomException e) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "Pixel Data cannot be decoded (" + e.getMessage()
                    + ")", Tags.PIXEL_DATA, -1, "The file is damaged");
        }
        if (words == null || words.length < format.pixelCount()) {
            throw new DicomReadException(path, Problem.TRUNCATED, "Pixel Data decodes to fewer pixels than "
                    + format.rows() + "x" + format.cols(), Tags.PIXEL_DATA, -1, "The file is damaged");
        }
        return format.toHu(words);
    }
}
