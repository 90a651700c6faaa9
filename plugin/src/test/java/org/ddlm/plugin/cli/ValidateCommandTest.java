package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.md section 1 pairing, through the library and the `validate` command. */
class ValidateCommandTest {
    @TempDir
    Path tmp;

    private Path subset(String name, int from, int to) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = from; i <= to; i++) {
            Path f = Fixtures.shared().resolve("data/ct/abdomen-ge-lightspeed16/1-" + i + ".dcm");
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    @Test
    void aSeriesShiftedByOneSlicePairsNMinus1AndListsOneUnmatchedEach() throws Exception {
        CtStack test = new SeriesScanner().scan(subset("test", 13, 20)).requireStacks().get(0);
        CtStack ref = new SeriesScanner().scan(subset("ref", 14, 21)).requireStacks().get(0);
        StackPairing p = StackPairing.pair(test, ref, null, StackPairing.DEFAULT_TOLERANCE_MM);
        assertEquals(7, p.size());
        assertEquals(2, p.unmatched().size(), p.unmatched().toString());
        assertTrue(p.unmatched().get(0).startsWith("test 1-13.dcm"), p.unmatched().toString());
        assertTrue(p.unmatched().get(1).startsWith("reference 1-21.dcm"), p.unmatched().toString());
        for (int i = 0; i < p.size(); i++) {
            assertEquals(p.get(i).test().sopInstanceUid(), p.get(i).reference().sopInstanceUid(),
                    "the same file pairs with itself");
        }
    }

    @Test
    void differentGridsAreRefused() throws Exception {
        CtStack abdomen = new SeriesScanner().scan(subset("a", 14, 15)).requireStacks().get(0);
        CtStack chest = new SeriesScanner().scan(Fixtures.shared().resolve("data/ct/chest-philips-brilliance16"))
                .requireStacks().get(0);
        ReportException e = org.junit.jupiter.api.Assertions.assertThrows(ReportException.class,
                () -> StackPairing.pair(abdomen, chest, null, 0.01));
        assertTrue(e.getMessage().startsWith("grids differ; resample first"), e.getMessage());
    }

    @Test
    void validateWritesTheFourReportFiles() throws Exception {
        Path report = tmp.resolve("report");
        Path ref = subset("ref2", 18, 20);
        int code = DdlmCli.run("validate", ref.toString(), ref.toString(), "--input", ref.toString(), "--report",
                report.toString(), "--window", "abdomen", "--window", "-160:240");
        assertEquals(0, code);
        for (String f : List.of("per_slice.csv", "summary.json", "psnr_ssim_per_slice.png", "montage.png")) {
            assertTrue(Files.size(report.resolve(f)) > 100, f);
        }
        List<String> csv = Files.readAllLines(report.resolve("per_slice.csv"));
        assertEquals(1 + 3 * 2, csv.size(), "3 slices x 2 windows");
        // A series against itself differs by nothing: the residual spectrum is exactly zero over many body tiles.
        com.google.gson.JsonObject nps = com.google.gson.JsonParser.parseString(Files.readString(report.resolve(
                "summary.json"))).getAsJsonObject().getAsJsonObject("nps");
        assertTrue(nps.getAsJsonObject("test").get("tiles").getAsInt() > 3 * 10, nps + "");
        assertEquals(0.0, nps.getAsJsonObject("test").get("variance_hu2").getAsDouble(), 0.0);
        assertTrue(Files.size(report.resolve("nps.png")) > 100);
        assertTrue(csv.get(1).contains(",abdomen,400"), csv.get(1));
    }

    @Test
    void gridMismatchAtTheCommandLineExits1AndWritesNoReport() throws Exception {
        Path report = tmp.resolve("r");
        int code = DdlmCli.run("validate", subset("b", 14, 15).toString(), Fixtures.shared().resolve(
                "data/ct/chest-philips-brilliance16").toString(), "--report", report.toString());
        assertEquals(1, code);
        assertFalse(Files.exists(report.resolve("summary.json")));
    }
}
