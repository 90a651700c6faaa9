package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input at the command line: exit 1, one line naming the file and the problem, nothing written. */
class CliBadInputTest {
    @TempDir
    Path tmp;

    private static CliRun ddlm(String... args) {
        return CliRun.of(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ct-jpeg2000-lossless.dcm", "truncated-mid-pixel-data.dcm",
            "last-element-length-past-eof.dcm", "ct-modality-relabelled-mr.dcm", "empty-sop-instance-uid.dcm",
            "duplicate-sop-instance-uid"})
    void badInputIsRefusedWithTheFileNamedAndNothingWritten(String name) throws Exception {
        Path in = Fixtures.shared().resolve("data/dicom-negative-cases").resolve(name);
        Path out = tmp.resolve("out");
        CliRun r = ddlm("copy", in.toString(), out.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("ddlm: error: "), r.err());
        assertTrue(r.err().contains(Fixtures.shared().resolve("data/dicom-negative-cases").toString()), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.count(), "no temporary folder either");
        }
    }

    @Test
    void jpeg2000RefusalTellsHowToConvert() {
        CliRun r = ddlm("info", Fixtures.shared().resolve("data/dicom-negative-cases/ct-jpeg2000-lossless.dcm")
                .toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("JPEG 2000") && r.err().contains("1.2.840.10008.1.2.4.90")
                && r.err().contains("gdcmconv --raw"), r.err());
    }

    @Test
    void forceLetsARelabelledFileThrough() {
        CliRun r = ddlm("info", "--force", Fixtures.shared().resolve(
                "data/dicom-negative-cases/ct-modality-relabelled-mr.dcm").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("non-CT: units unknown"), r.out());
    }

    @Test
    void infoDescribesTheTiltedHeadSeries() {
        CliRun r = ddlm("info", Fixtures.shared().resolve("data/ct/head-ge-hispeed-gantry-tilt").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("slices       16"), r.out());
        assertTrue(r.out().contains("matrix       512x512"), r.out());
        assertTrue(r.out().contains("gantry tilt 18.5 deg"), r.out());
        assertTrue(r.out().contains("uneven step between 14.dcm and 15.dcm: 1.08 mm"), r.out());
        assertFalse(r.out().contains("gap"), r.out());
    }

    @Test
    void outputInsideInputIsRefusedBeforeAnyWork() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16/1-20.dcm"), in.resolve("a.dcm"));
        var before = Fixtures.fingerprint(in);
        CliRun r = ddlm("copy", in.toString(), in.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("output folder is the input folder, lies inside it, or contains it"), r.err());
        assertEquals(before, Fixtures.fingerprint(in));
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, ddlm("copy").exit());
        assertEquals(2, ddlm("no-such-command").exit());
    }

    /** Issue 15 item 12: a pairing tolerance that is not a positive distance is refused before reading anything. */
    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-1", "0", "1e9", "Infinity"})
    void aMatchToleranceThatIsNotADistanceIsRefused(String tol) {
        Path series = Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16");
        Path report = tmp.resolve("report");
        CliRun r = ddlm("validate", series.toString(), series.toString(), "--report", report.toString(),
                "--match-tol", tol);
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--match-tol") && r.err().contains(tol.equals("1e9") ? "1.0E9" : tol), r.err());
        assertFalse(Files.exists(report));
    }

    /** Issue 15 item 12: OUT as a link to nowhere is refused before any work, not when the result is moved. */
    @Test
    void aDanglingLinkAsOutputIsRefusedBeforeAnyWork() throws Exception {
        Path out = Files.createSymbolicLink(tmp.resolve("out"), tmp.resolve("missing"));
        Path in = Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16");
        CliRun r = ddlm("copy", in.toString(), out.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(out.toString()) && r.err().contains("symbolic link to a missing target"), r.err());
        assertFalse(Files.exists(tmp.resolve("missing")));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "only the link itself: no temporary folder");
        }
    }

    /** Issue 15 item 11: a report path that is a file is refused before anything is read or measured. */
    @Test
    void validateRefusesAReportPathThatIsAFileBeforeAnyWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("report"), "keep me\n");
        // Unreadable series would fail later; the report check must come first.
        CliRun r = ddlm("validate", tmp.resolve("no-such-test").toString(), tmp.resolve("no-such-ref").toString(),
                "--report", file.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(file.toString()) && r.err().contains("exists and is not a folder"), r.err());
        assertEquals("keep me\n", Files.readString(file));
    }
}
