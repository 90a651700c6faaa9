package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Bad input or options: exit 1, one `ddlm: error:` line naming the problem, and nothing written anywhere. */
class DenoiseCommandBadInputTest {
    @TempDir
    Path tmp;

    private void refused(String expected, String in, String... options) throws Exception {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("denoise", in, "--out", out.toString(), "--device", "cpu"));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.err());
        String message = r.errLines();
        assertEquals(1, message.lines().count(), "one error line: " + r.err());
        assertTrue(message.startsWith("ddlm: error: ") && message.contains(expected), message);
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().equals("input")), "nothing written under " + tmp);
        }
    }

    private static String lowDose() {
        return DenoiseCommandTest.sample("sim-25pct-dose").toString();
    }

    @Test
    void missingInputFolderIsNamed() throws Exception {
        Path missing = tmp.resolve("input").resolve("no-such-series");
        Files.createDirectories(missing.getParent());
        refused(missing + ": does not exist", missing.toString());
    }

    @Test
    void aFolderWithoutDicomIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("input"));
        Files.writeString(dir.resolve("notes.dcm"), "not a DICOM file\n");
        refused("notes.dcm: not DICOM", dir.toString());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("--steps must be 1 to 1000 (the prior's schedule has 1000 levels), got 0",
                        List.of("--steps", "0")),
                Arguments.of("--steps must be 1 to 1000", List.of("--steps", "1000000")),
                Arguments.of("--sigma must be a noise level from 0 to 1000 HU, got 1.0E300", List.of("--sigma", "1e300")),
                Arguments.of("--time-factor must be a positive number", List.of("--time-factor", "-1")),
                Arguments.of("--normal-dose-noise must be a noise level from 0 to 1000 HU, got -5.0",
                        List.of("--normal-dose-noise", "-5")),
                Arguments.of("--flips must be 1, 2 or 4, got 3", List.of("--flips", "3")),
                Arguments.of("--tile must be 0 (whole slices) or a tile side in pixels, got -1", List.of("--tile", "-1")),
                Arguments.of("unknown sampler 'euler'; choose one of ddim, ddpm, dpm2m, dpm3m, heun, plms",
                        List.of("--sampler", "euler")),
                Arguments.of("unknown conditioning 'map'", List.of("--conditioning", "map")),
                Arguments.of("--report needs --reference", List.of("--report", "REPORT")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOptions")
    void badOptionsAreRefused(String expected, List<String> options) throws Exception {
        // REPORT stands for a folder in this test's temporary directory, where nothing may appear.
        String[] args = options.stream().map(o -> o.equals("REPORT") ? tmp.resolve("r").toString() : o)
                .toArray(String[]::new);
        refused(expected, lowDose(), args);
    }

    @Test
    void aReferenceOfAnotherScanIsRefusedBeforeSampling() throws Exception {
        Files.createDirectories(tmp.resolve("input"));
        Path chest = DenoiseCommandTest.sample("full-dose").getParent().resolveSibling("chest-philips-brilliance16")
                .resolve("full-dose");
        refused("does not match", lowDose(), "--reference", chest.toString());
    }

    /** An 8x8 CT slice (a real header with its matrix cut down) is bad input, not a crash (issue 15 item 8). */
    @Test
    void aTinyMatrixIsRefusedAsBadInput() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("input"));
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        list.read(Fixtures.dicomFiles(DenoiseCommandTest.sample("sim-25pct-dose")).get(0).toString());
        list.remove(com.pixelmed.dicom.TagFromName.Rows);
        list.remove(com.pixelmed.dicom.TagFromName.Columns);
        com.pixelmed.dicom.Attribute rows = new com.pixelmed.dicom.UnsignedShortAttribute(com.pixelmed.dicom.TagFromName.Rows);
        rows.addValue(8);
        list.put(rows);
        com.pixelmed.dicom.Attribute cols = new com.pixelmed.dicom.UnsignedShortAttribute(com.pixelmed.dicom.TagFromName.Columns);
        cols.addValue(8);
        list.put(cols);
        com.pixelmed.dicom.Attribute pixels = new com.pixelmed.dicom.OtherWordAttribute(com.pixelmed.dicom.TagFromName.PixelData);
        pixels.setValues(new short[64]);
        list.put(pixels);
        list.write(dir.resolve("tiny.dcm").toString(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true,
                true);
        refused("too small to denoise", dir.toString());
    }
}
