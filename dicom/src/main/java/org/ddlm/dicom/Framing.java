package org.ddlm.dicom;

import java.util.List;

/**
 * What the structural walk learned about one file before any library parses it.
 *
 * @param part10            true when the file has the 128-byte preamble and DICM
 * @param transferSyntaxUid the syntax of the data set (guessed for a raw data set)
 * @param pixelDataOffset   offset of Pixel Data's value in {@code dataset}, or -1 when absent
 * @param pixelDataLength   its defined length, or -1 when encapsulated (undefined length)
 * @param fragments         for encapsulated Pixel Data: [offset, length] of each item after the offset table
 * @param dataset           the bytes the offsets refer to (the file, or the inflated data set when deflated)
 * @param notes             harmless oddities worth reporting (no preamble, tags out of order)
 */
record Framing(boolean part10, String transferSyntaxUid, long pixelDataOffset, long pixelDataLength,
               List<long[]> fragments, byte[] dataset, List<String> notes) {

    boolean hasPixelData() {
        return pixelDataOffset >= 0;
    }

    boolean encapsulated() {
        return hasPixelData() && pixelDataLength < 0;
    }
}
