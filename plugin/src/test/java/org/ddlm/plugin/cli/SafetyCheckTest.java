package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-slice safety check on a real low-dose slice (the bundled 25 % abdomen sample, one slice, true excess about
 * 27 HU) with the level forced wrong: 3x too high is caught and redone from a lower start; 11x too high fails twice,
 * so the slice is written unchanged and flagged in the JSON line, on stderr and in its own ImageComments.
 */
class SafetyCheckTest {
    @TempDir
    Path tmp;

    @Test
    void aThreeTimesTooHighLevelIsCaughtAndRedoneFromALowerStart() throws Exception {
        Path in = Fixtures.oneLowDoseSlice(tmp);
        CliRun run = CliRun.of("denoise", in.toString(), "--out", tmp.resolve("out").toString(), "--sigma", "81",
                "--time-factor", "2", "--device", "cpu", "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        JsonObject o = Fixtures.jsonLine(run);
        assertEquals(1, o.get("retried").getAsInt(), run.out());
        assertEquals(0, o.getAsJsonArray("flagged_slices").size(), run.out());
        // Two attempts of 2 steps x 2 views.
        assertEquals(8.0, o.get("nfe_per_slice").getAsDouble(), 0.0);
        String comments = comments(tmp.resolve("out"));
        assertTrue(comments.contains("attempts 2") && comments.contains("c_t 1.00"), comments);
    }

    @Test
    void anElevenTimesTooHighLevelFailsTwiceAndKeepsTheInputFlagged() throws Exception {
        Path in = Fixtures.oneLowDoseSlice(tmp);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("denoise", in.toString(), "--out", out.toString(), "--sigma", "300", "--device", "cpu",
                "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        JsonObject o = Fixtures.jsonLine(run);
        assertEquals(1, o.getAsJsonArray("flagged_slices").size(), run.out());
        assertTrue(o.getAsJsonArray("flagged_slices").get(0).getAsString().endsWith("slice 1"), run.out());
        assertTrue(run.err().contains("FLAGGED, kept as the input") && run.err().contains("failed the safety check"),
                run.err());
        CtStack source = new SeriesScanner().scan(in).requireStacks().get(0);
        CtStack result = new SeriesScanner().scan(out).requireStacks().get(0);
        assertArrayEquals(source.slices().get(0).loadHu().hu(), result.slices().get(0).loadHu().hu(), 0.0f);
        String comments = comments(out);
        assertTrue(comments.contains("FLAGGED") && comments.contains("sigma_n 300.0 HU (given"), comments);
        String derivation = com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(header(out),
                com.pixelmed.dicom.TagFromName.DerivationDescription);
        assertTrue(derivation.contains("this slice: sigma_n 300.0 HU"), derivation);
    }

    private static String comments(Path out) throws Exception {
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(header(out),
                com.pixelmed.dicom.TagFromName.ImageComments);
    }

    /** The written slice's header, read by PixelMed itself. */
    private static com.pixelmed.dicom.AttributeList header(Path out) throws Exception {
        CtStack result = new SeriesScanner().scan(out).requireStacks().get(0);
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        list.read(result.slices().get(0).path().toString());
        return list;
    }
}
