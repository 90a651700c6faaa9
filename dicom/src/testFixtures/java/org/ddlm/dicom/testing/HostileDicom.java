package org.ddlm.dicom.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Files that two DICOM readers could read in two ways (issue 15 item 3), made by splicing elements into a real Explicit
 * VR Little Endian slice just before its Pixel Data. Byte layouts are written out here from PS3.5 7.1, independent of
 * the code under test, so that the dicom tests and the command-line tests (plugin) splice the same bytes: this folder
 * is a test source folder of both modules (their poms add it), not part of any jar.
 */
public final class HostileDicom {
    /** The VRs with a 4-byte length field in Explicit VR (PS3.5 7.1.2). */
    public static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR",
            "UT", "UV");
    /** Item, Item Delimitation and Sequence Delimitation tags (PS3.5 7.5). */
    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private HostileDicom() {
    }

    /** Explicit VR LE element; long VRs get reserved bytes {@code reserved} (0 is the only conformant value). */
    public static byte[] element(int tag, String vr, byte[] value, int reserved) {
        boolean longVr = LONG_VRS.contains(vr);
        ByteBuffer b = ByteBuffer.allocate((longVr ? 12 : 8) + value.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longVr) {
            b.putShort((short) reserved).putInt(value.length);
        } else {
            b.putShort((short) value.length);
        }
        return b.put(value).array();
    }

    public static byte[] element(int tag, String vr, byte[] value) {
        return element(tag, vr, value, 0);
    }

    public static byte[] text(int tag, String vr, String s) {
        String even = s.length() % 2 == 1 ? s + " " : s;
        return element(tag, vr, even.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An item or delimiter header (always tag + 4-byte length). */
    public static byte[] itemHeader(int tag, long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16))
                .putShort((short) tag).putInt((int) length).array();
    }

    /** A long-VR header with an undefined length. */
    public static byte[] undefinedHeader(int tag, String vr) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16))
                .putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(-1)
                .array();
    }

    /**
     * The issue's repro: a private OB whose reserved bytes are 04 00. A reader that ignores them (DCMTK, pydicom, our
     * framing check) takes the next four bytes as the length and skips {@code blob}; one that reads them as a 16-bit
     * length (PixelMed) takes 4 bytes of value and parses {@code blob} as elements.
     */
    public static byte[] hiddenIn(byte[] blob) {
        return element(0x00091001, "OB", blob, 4);
    }

    /** Sequences nested {@code depth} deep in one private element (undefined lengths throughout). */
    public static byte[] deepSequences(int tag, int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] open = cat(undefinedHeader(tag, "SQ"), itemHeader(ITEM, 0xFFFFFFFFL));
        byte[] close = cat(itemHeader(ITEM_DELIMITATION, 0), itemHeader(SEQUENCE_DELIMITATION, 0));
        for (int i = 0; i < depth; i++) {
            out.writeBytes(open);
        }
        for (int i = 0; i < depth; i++) {
            out.writeBytes(close);
        }
        return out.toByteArray();
    }

    /** The source with {@code insert} placed just before its Pixel Data element. */
    public static byte[] beforePixelData(byte[] source, byte[]... insert) {
        int at = pixelDataHeader(source);
        return cat(Arrays.copyOfRange(source, 0, at), cat(insert),
                Arrays.copyOfRange(source, at, source.length));
    }

    /** The source with the top-level element starting at {@code from} (of {@code length} bytes) replaced. */
    public static byte[] replace(byte[] source, int from, int length, byte[] with) {
        return cat(Arrays.copyOfRange(source, 0, from), with,
                Arrays.copyOfRange(source, from + length, source.length));
    }

    /** Offset of the (7FE0,0010) OW header of an Explicit VR LE file. */
    public static int pixelDataHeader(byte[] b) {
        for (int i = 132; i + 6 <= b.length; i++) {
            if (b[i] == (byte) 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0 && b[i + 4] == 'O'
                    && b[i + 5] == 'W') {
                return i;
            }
        }
        throw new AssertionError("no Explicit VR Pixel Data header");
    }

    /** Offset of the first explicit VR LE header of {@code tag} with {@code vr} after the preamble. */
    public static int find(byte[] b, int tag, String vr) {
        for (int i = 132; i + 6 <= b.length; i++) {
            if ((b[i] & 0xFF) == ((tag >>> 16) & 0xFF) && (b[i + 1] & 0xFF) == (tag >>> 24)
                    && (b[i + 2] & 0xFF) == (tag & 0xFF) && (b[i + 3] & 0xFF) == ((tag >>> 8) & 0xFF)
                    && b[i + 4] == vr.charAt(0) && b[i + 5] == vr.charAt(1)) {
                return i;
            }
        }
        throw new AssertionError(String.format("no (%04X,%04X) %s", tag >>> 16, tag & 0xFFFF, vr));
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Offset of the first occurrence of {@code needle} in {@code hay}, or -1. */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
