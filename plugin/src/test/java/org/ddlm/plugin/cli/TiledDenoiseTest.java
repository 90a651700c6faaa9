package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory (issue 15 item 5): a real 512x512 low-dose slice (the bundled 25 % abdomen sample) denoised in one
 * network pass per evaluation ({@code --tile 0}) and in bands of at most 256x256 pixels ({@code --tile 256}: four
 * bands of 128 rows) must give the same written HU within 1 HU, at the default settings (4 network evaluations).
 */
class TiledDenoiseTest {
    @TempDir
    Path tmp;

    private CliRun denoise(Path in, String name, String tile) {
        return CliRun.of("denoise", in.toString(), "--out", tmp.resolve(name).toString(), "--tile", tile,
                "--device", "cpu", "--threads", "2");
    }

    private static HuImage written(Path out) throws Exception {
        return new SeriesScanner().scan(out).requireStacks().get(0).slices().get(0).loadHu();
    }

    @Test
    void bandsOfAQuarterSliceGiveTheWholeSliceResultWithinOneHu() throws Exception {
        Path in = Fixtures.oneLowDoseSlice(tmp);
        CliRun whole = denoise(in, "whole", "0");
        CliRun tiled = denoise(in, "tiled", "256");
        for (CliRun run : new CliRun[] {whole, tiled}) {
            assertEquals(0, run.exit(), run.err());
            JsonObject o = Fixtures.jsonLine(run);
            // Sampled and accepted, so both outputs are the network's work, not the input kept.
            assertEquals(0, o.get("unchanged").getAsInt(), run.out());
            assertEquals(0, o.getAsJsonArray("flagged_slices").size(), run.out());
        }
        assertTrue(Fixtures.jsonLine(whole).get("settings").getAsString().contains("whole-slice network passes"),
                whole.out());
        assertTrue(Fixtures.jsonLine(tiled).get("settings").getAsString()
                .contains("network passes of at most 256x256 pixels"), tiled.out());

        float[] source = written(in).hu();
        float[] a = written(tmp.resolve("whole")).hu();
        float[] b = written(tmp.resolve("tiled")).hu();
        double worst = 0;
        double removed = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            removed += (a[i] - source[i]) * (a[i] - source[i]);
        }
        // The denoiser did change the slice (RMS change well above the 1 HU being tested) ...
        assertTrue(Math.sqrt(removed / a.length) > 10, "RMS change " + Math.sqrt(removed / a.length) + " HU");
        // ... and the banded passes give the same result to within the int16 rounding.
        assertTrue(worst <= 1.0, "tiled vs whole slice: largest difference " + worst + " HU");
    }
}
