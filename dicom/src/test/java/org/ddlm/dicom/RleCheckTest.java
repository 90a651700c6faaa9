package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddlm.dicom.testing.HostileDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made RLE fragments (PS3.5 Annex G) for a 4x4 16-bit image: each segment must decode to exactly 16 bytes.
 * Then two damaged dcmcrle files, to check the scanner reaches the same codes.
 */
class RleCheckTest {
    private static final Path FILE = Path.of("hand-made.dcm");
    private static final int PIXELS = 16;

    /** Header with the given segment count and offsets, then the segments' bytes. */
    private static byte[] fragment(int count, int[] offsets, byte[]... segments) {
        ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(count);
        for (int o : offsets) {
            h.putInt(o);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    /** Two segments placed one after the other, with correct offsets. */
    private static byte[] twoSegments(byte[] high, byte[] low) {
        return fragment(2, new int[] {64, 64 + high.length}, high, low);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** Literal: control n (0..127) then n+1 bytes. */
    private static byte[] literal(int count) {
        byte[] b = new byte[count + 1];
        b[0] = (byte) (count - 1);
        for (int i = 1; i <= count; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    /** Replicate: control 1-count (as a signed byte), then the byte to repeat. */
    private static byte[] run(int count, int value) {
        return bytes(1 - count, value);
    }

    private static Problem problemOf(byte[] fragment) {
        DicomReadException e = assertThrows(DicomReadException.class,
                () -> RleCheck.check(FILE, fragment, 0, fragment.length, 2, PIXELS));
        assertFalse(e.isInternal());
        assertEquals(Tags.PIXEL_DATA, e.tag());
        return e.problem();
    }

    private static void accepted(byte[] fragment) {
        assertDoesNotThrow(() -> RleCheck.check(FILE, fragment, 0, fragment.length, 2, PIXELS));
    }

    @Test
    void wellFormedFragmentsPass() {
        accepted(twoSegments(literal(16), run(16, 0x7F)));
        accepted(twoSegments(HostileDicom.cat(run(10, 1), literal(6)), HostileDicom.cat(literal(1), run(15, 3))));
        // -128 is a no-op; bytes left over in a segment are padding and ignored.
        accepted(twoSegments(HostileDicom.cat(bytes(-128), literal(16)), HostileDicom.cat(run(16, 0), bytes(0, 0, 0))));
        // Inside a larger buffer at an offset, as in a file.
        byte[] frag = twoSegments(literal(16), run(16, 9));
        byte[] buf = HostileDicom.cat(new byte[37], frag, new byte[5]);
        assertDoesNotThrow(() -> RleCheck.check(FILE, buf, 37, frag.length, 2, PIXELS));
    }

    @Test
    void wrongSegmentCountIsBadStructure() {
        byte[] seg = literal(16);
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(1, new int[] {64}, seg)));
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(3, new int[] {64, 81, 98}, seg, seg, seg)));
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(0, new int[0], seg, seg)));
    }

    @Test
    void badOffsetsAreBadStructure() {
        byte[] a = literal(16);
        byte[] b = run(16, 1);
        int len = 64 + a.length + b.length;
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(2, new int[] {64, len + 10}, a, b)), "past the end");
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(2, new int[] {64, len}, a, b)), "at the end");
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(2, new int[] {64, 64}, a, b)), "not increasing");
        assertEquals(Problem.BAD_STRUCTURE, problemOf(fragment(2, new int[] {60, 81}, a, b)), "first is not 64");
        assertEquals(Problem.BAD_STRUCTURE, problemOf(bytes(2, 0, 0, 0, 64)), "shorter than the header");
    }

    @Test
    void overflowingRunOrLiteralIsBadStructure() {
        assertEquals(Problem.BAD_STRUCTURE, problemOf(twoSegments(run(17, 5), run(16, 1))), "run of 17 > 16");
        assertEquals(Problem.BAD_STRUCTURE, problemOf(twoSegments(literal(16), HostileDicom.cat(run(10, 1), run(7, 2)))),
                "second run overshoots by 1");
        assertEquals(Problem.BAD_STRUCTURE, problemOf(twoSegments(HostileDicom.cat(literal(8), literal(9)), run(16, 1))),
                "literal overshoots");
    }

    @Test
    void segmentsEndingEarlyAreTruncated() {
        byte[] cut = literal(16);
        byte[] shortLiteral = java.util.Arrays.copyOf(cut, 11); // control says 16 bytes, 10 follow
        assertEquals(Problem.TRUNCATED, problemOf(twoSegments(shortLiteral, run(16, 1))), "literal cut short");
        assertEquals(Problem.TRUNCATED, problemOf(twoSegments(literal(16), run(15, 1))), "15 of 16 bytes");
        assertEquals(Problem.TRUNCATED, problemOf(twoSegments(literal(16), bytes(-5))), "run without its byte");
    }

    /** The same codes through the scanner, on a dcmcrle file whose RLE header is patched. */
    @Test
    void damagedDcmcrleFilesGetTheSameCodes(@TempDir Path tmp) throws Exception {
        Path good = ExternalTools.rleCopy(TestData.data(TestData.NEGATIVE_SOURCE), tmp.resolve("good.dcm"));
        byte[] bytes = Files.readAllBytes(good);
        long[] frag = FramingCheck.check(good, bytes).fragments().get(0);
        int at = (int) frag[0];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, b.getInt(at), "dcmcrle writes two segments for 16-bit mono");
        assertEquals(64, b.getInt(at + 4));

        byte[] threeSegments = bytes.clone();
        ByteBuffer.wrap(threeSegments).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 3);
        assertScanProblem(Files.write(tmp.resolve("three.dcm"), threeSegments), Problem.BAD_STRUCTURE);

        byte[] pastEnd = bytes.clone();
        ByteBuffer.wrap(pastEnd).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 8, (int) frag[1] + 100);
        assertScanProblem(Files.write(tmp.resolve("offset.dcm"), pastEnd), Problem.BAD_STRUCTURE);

        // Second segment starts one byte earlier: the first one loses its last byte and runs out.
        int second = b.getInt(at + 8);
        byte[] shorter = bytes.clone();
        ByteBuffer.wrap(shorter).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 8, second - 1);
        DicomReadException e = assertThrows(DicomReadException.class,
                () -> TestData.onlySlice(Files.write(tmp.resolve("short.dcm"), shorter)).loadHu());
        assertFalse(e.isInternal());
        // Either the first segment ends early, or the shifted second one no longer decodes to exactly 512x512.
        assertEquals(true, e.problem() == Problem.TRUNCATED || e.problem() == Problem.BAD_STRUCTURE, e.getMessage());
    }

    private static void assertScanProblem(Path file, Problem expected) {
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(file));
        assertFalse(e.isInternal());
        assertEquals(expected, e.problem(), e.getMessage());
        assertEquals(Tags.PIXEL_DATA, e.tag());
    }
}
