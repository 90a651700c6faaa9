package org.ddlm.dicom;

/**
 * Which top-level elements PixelMed is given (issue 15 item 4: memory does not grow with header size). Every slice keeps
 * its header for the writer, which copies public attributes only; private elements are never copied, and a public value
 * of megabytes is no header attribute ddlm uses. Those are left unread, so a 200 MB private blob costs nothing.
 */
final class HeaderSelection {
    /** Far above any public CT header attribute (a 65,536-entry LUT is 128 KB). */
    static final long MAX_VALUE_BYTES = 4L << 20;
    private static final int MODALITY_LUT_SEQUENCE = 0x00283000;

    private HeaderSelection() {
    }

    /** Private groups (odd) are not read: nothing in ddlm uses them and the writer drops them. */
    static boolean wanted(int tag) {
        return ((tag >>> 16) & 1) == 0;
    }

    /** A wanted element is read unless its value is huge; Pixel Data and the one sequence the reader checks always are. */
    static boolean smallEnough(int tag, long valueBytes) {
        return valueBytes <= MAX_VALUE_BYTES || tag == Tags.PIXEL_DATA || tag == MODALITY_LUT_SEQUENCE;
    }
}
