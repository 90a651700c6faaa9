package org.ddlm.dicom;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Checks an RLE Lossless frame (PS3.5 Annex G) before PixelMed decodes it: header, segment offsets, and a dry run of each
 * PackBits segment, so a damaged fragment gets a precise code instead of garbage pixels.
 */
final class RleCheck {
    private RleCheck() {
    }

    /**
     * @param data     the bytes holding the fragment
     * @param offset   start of the fragment
     * @param length   fragment length
     * @param segments expected segment count (2 for 16-bit monochrome)
     * @param perSegment bytes each segment must decode to (Rows x Columns)
     */
    static void check(Path path, byte[] data, int offset, int length, int segments, int perSegment)
            throws DicomReadException {
        check(path, ByteBuffer.wrap(data), offset, length, segments, perSegment);
    }

    /** As above on a buffer read with absolute gets (the mapped file). */
    static void check(Path path, ByteBuffer data, int offset, int length, int segments, int perSegment)
            throws DicomReadException {
        if (length < 64) {
            throw bad(path, offset, "RLE fragment shorter than its 64-byte header");
        }
        long count = u32le(data, offset);
        if (count != segments) {
            throw bad(path, offset, "RLE header declares " + count + " segments; 16-bit monochrome needs " + segments);
        }
        long[] starts = new long[segments + 1];
        for (int i = 0; i < segments; i++) {
            starts[i] = u32le(data, offset + 4 + 4 * i);
        }
        starts[segments] = length;
        if (starts[0] != 64) {
            throw bad(path, offset, "first RLE segment offset is " + starts[0] + ", not 64");
        }
        for (int i = 0; i < segments; i++) {
            if (starts[i + 1] <= starts[i] || starts[i] >= length) {
                throw bad(path, offset, "RLE segment offsets are not increasing inside the fragment");
            }
        }
        for (int i = 0; i < segments; i++) {
            dryRun(path, data, offset + (int) starts[i], offset + (int) starts[i + 1], perSegment);
        }
    }

    /** Walks one PackBits segment without writing output; stops once {@code need} bytes would be out. */
    private static void dryRun(Path path, ByteBuffer data, int p, int end, int need) throws DicomReadException {
        long out = 0;
        while (out < need) {
            if (p >= end) {
                throw new DicomReadException(path, Problem.TRUNCATED, "RLE segment ends after " + out + " of " + need
                        + " bytes", Tags.PIXEL_DATA, p, "The file is damaged; copy it again from the source");
            }
            int n = data.get(p++);
            if (n >= 0) {
                if (p + n + 1 > end) {
                    throw new DicomReadException(path, Problem.TRUNCATED, "RLE literal run is cut short",
                            Tags.PIXEL_DATA, p - 1, "The file is damaged; copy it again from the source");
                }
                out += n + 1;
                p += n + 1;
            } else if (n != -128) {
                if (p >= end) {
                    throw new DicomReadException(path, Problem.TRUNCATED, "RLE replicate run is cut short",
                            Tags.PIXEL_DATA, p - 1, "The file is damaged; copy it again from the source");
                }
                out += 1 - n;
                p++;
            }
            if (out > need) {
                throw bad(path, p, "RLE run overshoots the image (" + out + " > " + need + " bytes)");
            }
        }
    }

    private static DicomReadException bad(Path path, long at, String what) {
        return new DicomReadException(path, Problem.BAD_STRUCTURE, what, Tags.PIXEL_DATA, at,
                "The file is damaged; copy it again from the source");
    }

    private static long u32le(ByteBuffer b, int at) {
        return (b.get(at) & 0xFFL) | ((b.get(at + 1) & 0xFFL) << 8) | ((b.get(at + 2) & 0xFFL) << 16)
                | ((b.get(at + 3) & 0xFFL) << 24);
    }
}
