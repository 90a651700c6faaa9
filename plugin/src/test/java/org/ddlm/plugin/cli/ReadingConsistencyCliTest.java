package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ddlm.dicom.testing.HostileDicom;
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

    // ---- byte splicing (PS3.5 7.1, Explicit VR Little Endian): the dicom tests' HostileDicom ----

    private static final int PRIVATE_SQ = 0x00091003;

    static Stream<Arguments> inconsistentFiles() throws Exception {
        byte[] src = source();
        // an OW header claiming 0xFFFFFFF0 bytes, with none behind it
        byte[] owHuge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 9).putShort((short) 0x1002)
                .put("OW".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(0xFFFFFFF0).array();
        int px = HostileDicom.pixelDataHeader(src);
        byte[] fragment = Arrays.copyOfRange(src, px + 12, src.length);
        // native pixels framed as encapsulated: undefined length, an empty offset table, one fragment
        byte[] undefinedNative = HostileDicom.cat(Arrays.copyOf(src, px),
                HostileDicom.undefinedHeader(0x7FE00010, "OB"), HostileDicom.itemHeader(HostileDicom.ITEM, 0),
                HostileDicom.itemHeader(HostileDicom.ITEM, fragment.length), fragment,
                HostileDicom.itemHeader(HostileDicom.SEQUENCE_DELIMITATION, 0));
        byte[] intercept = HostileDicom.text(0x00281052, "DS", "1000");
        return Stream.of(
                Arguments.of("hidden-intercept", HostileDicom.beforePixelData(src, HostileDicom.hiddenIn(intercept)),
                        "reserved bytes after VR OB are 04 00"),
                Arguments.of("hidden-huge-length", HostileDicom.beforePixelData(src, HostileDicom.hiddenIn(owHuge)),
                        "reserved bytes"),
                Arguments.of("hidden-deep-nesting", HostileDicom.beforePixelData(src,
                        HostileDicom.hiddenIn(HostileDicom.deepSequences(PRIVATE_SQ, 100_000))), "reserved bytes"),
                Arguments.of("deep-nesting", HostileDicom.beforePixelData(src,
                        HostileDicom.deepSequences(PRIVATE_SQ, 100_000)), "nested deeper than 16"),
                Arguments.of("duplicate-intercept", HostileDicom.beforePixelData(src, intercept), "appears twice"),
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
        byte[] csOld = HostileDicom.text(0x00080005, "CS", "ISO_IR 100");
        byte[] pnOld = HostileDicom.text(0x00100010, "PN", "CRLM-CT-1004");
        byte[] b = replace(src, csOld, HostileDicom.text(0x00080005, "CS", "\\ISO 2022 IR 58"));
        byte[] pnNew = HostileDicom.element(0x00100010, "PN", Arrays.copyOf(name, name.length + name.length % 2));
        b = replace(b, pnOld, pnNew);
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
        assertTrue(HostileDicom.indexOf(written, name) > 0, "the name's bytes are copied");
        assertEquals(before, Fixtures.fingerprint(in), "input unchanged");
    }

    private static byte[] replace(byte[] b, byte[] what, byte[] with) {
        int at = HostileDicom.indexOf(b, what);
        assertTrue(at > 0, "element found in the source");
        return HostileDicom.replace(b, at, what.length, with);
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
