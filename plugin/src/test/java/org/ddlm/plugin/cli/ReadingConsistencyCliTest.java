package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 items 3, 16, 17 and the peer corpus through `ddlm info` and `ddlm copy`: a file two readers could read in
 * two ways exits 1 with one line naming the file and the problem, writes nothing and leaves the input as it was; a
 * valid CT in a character set PixelMed cannot decode is read; nothing ever prints a stack trace.
 */
class ReadingConsistencyCliTest {
    @TempDir
    Path tmp;

    private static byte[] source() throws Exception {
        return Files.readAllBytes(Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16/1-20.dcm"));
    }

    // ---- byte splicing (PS3.5 7.1, Explicit VR Little Endian) ----

    private static byte[] element(int tag, String vr, byte[] value, int reserved) {
        boolean longVr = List.of("OB", "OW", "SQ", "UN", "UT").contains(vr);
        ByteBuffer b = ByteBuffer.allocate((longVr ? 12 : 8) + value.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longVr) {
            b.putShort((short) reserved).putInt(value.length);
        } else {
            b.putShort((short) value.length);
        }
        return b.put(value).array();
    }

    private static byte[] ascii(String s) {
        return (s.length() % 2 == 1 ? s + " " : s).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] header(int tag, long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16)).putShort((short) tag)
                .putInt((int) length).array();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static int pixelData(byte[] b) {
        for (int i = 132; i + 6 <= b.length; i++) {
            if (b[i] == (byte) 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0 && b[i + 4] == 'O') {
                return i;
            }
        }
        throw new AssertionError("no Pixel Data");
    }

    private static byte[] beforePixelData(byte[] src, byte[] insert) {
        int at = pixelData(src);
        return cat(Arrays.copyOf(src, at), insert, Arrays.copyOfRange(src, at, src.length));
    }

    /** A private OB with reserved bytes 04 00: PixelMed would parse {@code blob} as elements, others skip it. */
    private static byte[] hidden(byte[] blob) {
        return element(0x00091001, "OB", blob, 4);
    }

    private static byte[] deep(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] open = cat(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 9)
                .putShort((short) 0x1003).put("SQ".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(-1)
                .array(), header(0xFFFEE000, 0xFFFFFFFFL));
        byte[] close = cat(header(0xFFFEE00D, 0), header(0xFFFEE0DD, 0));
        for (int i = 0; i < depth; i++) {
            out.writeBytes(open);
        }
        for (int i = 0; i < depth; i++) {
            out.writeBytes(close);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> inconsistentFiles() throws Exception {
        byte[] src = source();
        byte[] owHuge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 9).putShort((short) 0x1002)
                .put("OW".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(0xFFFFFFF0).array();
        int px = pixelData(src);
        byte[] fragment = Arrays.copyOfRange(src, px + 12, src.length);
        byte[] undefinedNative = cat(Arrays.copyOf(src, px), ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x7FE0).putShort((short) 0x0010).put("OB".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 0).putInt(-1).array(), header(0xFFFEE000, 0), header(0xFFFEE000, fragment.length),
                fragment, header(0xFFFEE0DD, 0));
        return Stream.of(
                Arguments.of("hidden-intercept", beforePixelData(src, hidden(element(0x00281052, "DS", ascii("1000"),
                        0))), "reserved bytes after VR OB are 04 00"),
                Arguments.of("hidden-huge-length", beforePixelData(src, hidden(owHuge)), "reserved bytes"),
                Arguments.of("hidden-deep-nesting", beforePixelData(src, hidden(deep(100_000))), "reserved bytes"),
                Arguments.of("deep-nesting", beforePixelData(src, deep(100_000)), "nested deeper than 16"),
                Arguments.of("duplicate-intercept", beforePixelData(src, element(0x00281052, "DS", ascii("1000"), 0)),
                        "appears twice"),
                Arguments.of("native-undefined-length", undefinedNative, "Pixel Data has undefined length"));
    }

    @ParameterizedTest
    @MethodSource("inconsistentFiles")
    void inconsistentFileIsRefusedByInfoAndCopy(String name, byte[] bytes, String problem) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path file = Files.write(in.resolve(name + ".dcm"), bytes);
        Map<String, String> before = Fixtures.fingerprint(in);
        for (String command : List.of("info", "copy")) {
            Path out = tmp.resolve("out");
            CliRun r = command.equals("info") ? CliRun.of("info", in.toString())
                    : CliRun.of("copy", in.toString(), out.toString());
            assertEquals(1, r.exit(), command + ": " + r.err());
            assertEquals(1, r.err().lines().count(), command + ", one line: " + r.err());
            assertTrue(r.err().startsWith("ddlm: error: " + file + ": "), r.err());
            assertTrue(r.err().contains(problem), r.err());
            assertFalse(Files.exists(out), "nothing written");
            try (Stream<Path> s = Files.list(tmp)) {
                assertEquals(1, s.count(), "no temporary folder either");
            }
        }
        assertEquals(before, Fixtures.fingerprint(in), "input unchanged");
    }

    /** Item 16: GB2312 names through ISO 2022 escapes; PixelMed cannot decode them, ddlm copies their bytes. */
    @Test
    void characterSetPixelMedCannotDecodeIsReadAndCopied() throws Exception {
        byte[] src = source();
        byte[] name = "Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6\u00ab="
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] csOld = element(0x00080005, "CS", ascii("ISO_IR 100"), 0);
        byte[] pnOld = element(0x00100010, "PN", ascii("CRLM-CT-1004"), 0);
        byte[] b = replace(src, csOld, element(0x00080005, "CS", ascii("\\ISO 2022 IR 58"), 0));
        b = replace(b, pnOld, element(0x00100010, "PN", Arrays.copyOf(name, name.length + name.length % 2), 0));
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("gb.dcm"), b);
        Map<String, String> before = Fixtures.fingerprint(in);
        CliRun info = CliRun.of("info", in.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("is not decoded"), info.out());
        assertNoStackTrace(info);
        Path out = tmp.resolve("out");
        CliRun copy = CliRun.of("copy", in.toString(), out.toString());
        assertEquals(0, copy.exit(), copy.err());
        assertNoStackTrace(copy);
        byte[] written = Files.readAllBytes(Fixtures.dicomFiles(out).get(0));
        assertTrue(indexOf(written, name) > 0, "the name's bytes are copied");
        assertEquals(before, Fixtures.fingerprint(in), "input unchanged");
    }

    private static byte[] replace(byte[] b, byte[] what, byte[] with) {
        int at = indexOf(b, what);
        assertTrue(at > 0, "element found in the source");
        return cat(Arrays.copyOf(b, at), with, Arrays.copyOfRange(b, at + what.length, b.length));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
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

    private static void assertNoStackTrace(CliRun r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("ERROR"), r.err());
    }

    /** Acceptance: pydicom's files through info and copy, never exit 3, never a stack trace, refusals name the fix. */
    @Test
    void peerCorpusThroughInfoAndCopy() throws Exception {
        Path corpus = Path.of("..", "dicom", "src", "test", "resources", "pydicom");
        List<String> rows = Files.readAllLines(corpus.resolve("vectors.tsv"));
        assertTrue(rows.size() > 5, "vectors found at " + corpus.toAbsolutePath());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t", -1);
            Path file = corpus.resolve(f[0]);
            boolean read = f[1].equals("read");
            CliRun info = CliRun.of("info", "--force", file.toString());
            Path out = tmp.resolve("out-" + f[0]);
            CliRun copy = CliRun.of("copy", "--force", file.toString(), out.toString());
            for (CliRun r : List.of(info, copy)) {
                assertNotEquals(3, r.exit(), f[0] + ": " + r.err());
                assertNoStackTrace(r);
                assertEquals(read ? 0 : 1, r.exit(), f[0] + ": " + r.err());
                if (!read) {
                    assertTrue(r.err().contains(f[6]), f[0] + " names the fix: " + r.err());
                    assertEquals(1, r.err().lines().count(), r.err());
                }
            }
            assertEquals(read, Files.exists(out), f[0]);
            if (read) {
                assertTrue(info.out().contains("HU range     " + f[4] + " .. " + f[5]), info.out());
            }
        }
    }
}
