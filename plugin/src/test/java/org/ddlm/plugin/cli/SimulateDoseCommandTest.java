package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm simulate-dose`: valid derived DICOM (dciodvfy, dcentvfy), deterministic per seed, input untouched. */
@Tag("external")
class SimulateDoseCommandTest {
    @TempDir
    Path tmp;

    private Path twoSlices() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String f : List.of("1-20.dcm", "1-21.dcm")) {
            Files.copy(Fixtures.shared().resolve("data/ct/chest-philips-brilliance16").resolve(f), in.resolve(f));
        }
        return in;
    }

    private static float[][] hu(Path dir) throws Exception {
        CtStack s = new SeriesScanner().scan(dir).requireStacks().get(0);
        float[][] out = new float[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            out[i] = s.slices().get(i).loadHu().hu();
        }
        return out;
    }

    @Test
    void simulatedSeriesIsValidDeterministicAndNoisier() throws Exception {
        Path in = twoSlices();
        var before = Fixtures.fingerprint(in);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        assertEquals(0, DdlmCli.run("simulate-dose", in.toString(), a.toString(), "--dose", "0.25", "--seed", "7"));
        assertEquals(0, DdlmCli.run("simulate-dose", in.toString(), b.toString(), "--dose", "0.25", "--seed", "7",
                "--threads", "1"));
        assertEquals(0, DdlmCli.run("simulate-dose", in.toString(), c.toString(), "--dose", "0.25", "--seed", "8"));
        assertEquals(before, Fixtures.fingerprint(in), "input untouched");

        float[][] ha = hu(a);
        float[][] hb = hu(b);
        float[][] hc = hu(c);
        float[][] src = hu(in);
        for (int i = 0; i < ha.length; i++) {
            assertArrayEquals(ha[i], hb[i], "same seed, same pixels (also with another thread count)");
            assertFalse(Arrays.equals(ha[i], hc[i]), "another seed differs");
            double sq = 0;
            for (int k = 0; k < src[i].length; k++) {
                sq += (ha[i][k] - src[i][k]) * (ha[i][k] - src[i][k]);
            }
            double rmse = Math.sqrt(sq / src[i].length);
            assertTrue(rmse > 3 && rmse < 60, "added noise RMSE " + rmse + " HU");
        }

        List<Path> outputs = Fixtures.dicomFiles(a);
        DicomValidators.assertNoNewDciodvfyErrors(Fixtures.dicomFiles(in), outputs);
        DicomValidators.assertOneConsistentSeries(outputs);
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path in = twoSlices();
        Path out = tmp.resolve("bad");
        assertEquals(1, DdlmCli.run("simulate-dose", in.toString(), out.toString(), "--dose", "1.5"));
        assertEquals(1, DdlmCli.run("simulate-dose", in.toString(), out.toString(), "--filter", "box"));
        assertFalse(Files.exists(out));
    }
}
