package org.ddlm.dicom;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What the structural walk learned about one file before any library parses it.
 *
 * @param part10            true when the file has the 128-byte preamble and DICM
 * @param transferSyntaxUid the syntax of the data set (guessed for a raw data set)
 * @param pixelDataOffset   offset of Pixel Data's value in {@code dataset}, or -1 when absent
 * @param pixelDataLength   its defined length, or -1 when encapsulated (undefined length)
 * @param fragments         for encapsulated Pixel Data: [offset, length] of each item after the offset table
 * @param dataset           the bytes the offsets refer to (the file, or the inflated data set when deflated); read
 *                          with absolute gets only
 * @param datasetStart      where the data set begins in {@code dataset} (after any File Meta Information)
 * @param elements          the top-level elements of the data set in file order
 * @param notes             harmless oddities worth reporting (no preamble, tags out of order, values not read)
 */
record Framing(boolean part10, String transferSyntaxUid, long pixelDataOffset, long pixelDataLength,
               List<long[]> fragments, ByteBuffer dataset, long datasetStart, List<Element> elements,
               List<String> notes) {

    /**
     * One top-level element.
     *
     * @param start       offset of its tag
     * @param valueStart  offset of its value
     * @param length      its declared value length, or -1 when undefined
     * @param end         offset just after it (after the delimiter when undefined)
     * @param parsed      whether PixelMed is given it (private elements and huge values are not)
     */
    record Element(int tag, long start, long valueStart, long length, long end, boolean parsed) {
    }

    /** The same framing with other notes (the parse adds its own). */
    Framing withNotes(List<String> newNotes) {
        return new Framing(part10, transferSyntaxUid, pixelDataOffset, pixelDataLength, fragments, dataset, datasetStart,
                elements, List.copyOf(newNotes));
    }

    boolean hasPixelData() {
        return pixelDataOffset >= 0;
    }

    boolean encapsulated() {
        return hasPixelData() && pixelDataLength < 0;
    }
}
