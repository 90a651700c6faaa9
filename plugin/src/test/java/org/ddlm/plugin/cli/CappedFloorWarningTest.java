package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slice quieter than √2 times the normal-dose noise the prior expects at its thickness has its excess taken as
 * total/√2, a level that rests on the dose assumption alone: the run says so (JSON line, stderr, the slice's
 * ImageComments). The bundled abdomen's 5 mm normal-dose slice measures about 10 HU (below √2 x 9.88 = 14 HU); its
 * 25 % dose slice about 26 HU, which is not capped.
 */
class CappedFloorWarningTest {
    @TempDir
    Path tmp;

    private static Path oneSlice(Path tmp, String series) throws Exception {
        Path in = Files.createDirectories(tmp.resolve(series));
        Path f = Fixtures.dicomFiles(DenoiseCommandTest.sample(series)).get(2);
        Files.copy(f, in.resolve(f.getFileName()));
        return in;
    }

    /** Whether the estimator's own total puts this slice under the cap, the independent expectation. */
    private static boolean underTheCap(Path in) throws Exception {
        CtStack stack = new SeriesScanner().scan(in).requireStacks().get(0);
        double total = new NoiseLevelEstimator(0.0, 0.0).profile(stack.slices().get(0).loadHu()).totalHu();
        NoiseCalibration prior = NoiseCalibration.forModel("default");
        assertEquals(5.0, stack.sliceThicknessMm(), 0.0); // the prior's own thickness: no scaling
        return total * Math.sqrt(0.5) < prior.referenceTotal();
    }

    private static CliRun denoise(Path in, Path out) {
        return CliRun.of("denoise", in.toString(), "--out", out.toString(), "--steps", "1", "--flips", "1",
                "--device", "cpu", "--threads", "2");
    }

    @Test
    void aNormalDoseSliceIsMarkedUncertainAndALowDoseOneIsNot() throws Exception {
        Path quiet = oneSlice(tmp, "full-dose");
        assertTrue(underTheCap(quiet));
        CliRun run = denoise(quiet, tmp.resolve("out-quiet"));
        assertEquals(0, run.exit(), run.err());
        JsonObject o = Fixtures.jsonLine(run);
        assertEquals(1, o.get("floor_capped_slices").getAsInt(), run.out());
        assertTrue(run.err().contains("warning: 1 of 1 slice(s) are quieter than sqrt 2 x the normal-dose noise")
                && run.err().contains("--normal-dose-noise"), run.err());
        assertTrue(comments(tmp.resolve("out-quiet")).contains("(capped, level uncertain)"),
                comments(tmp.resolve("out-quiet")));

        Path low = oneSlice(tmp, "sim-25pct-dose");
        assertFalse(underTheCap(low));
        CliRun lowRun = denoise(low, tmp.resolve("out-low"));
        assertEquals(0, lowRun.exit(), lowRun.err());
        assertEquals(0, Fixtures.jsonLine(lowRun).get("floor_capped_slices").getAsInt(), lowRun.out());
        assertFalse(lowRun.err().contains("quieter than"), lowRun.err());
        assertFalse(comments(tmp.resolve("out-low")).contains("capped"), comments(tmp.resolve("out-low")));
    }

    private static String comments(Path out) throws Exception {
        CtStack result = new SeriesScanner().scan(out).requireStacks().get(0);
        com.pixelmed.dicom.AttributeList list = new com.pixelmed.dicom.AttributeList();
        list.read(result.slices().get(0).path().toString());
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(list,
                com.pixelmed.dicom.TagFromName.ImageComments);
    }
}
