package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --uncertainty: the per-pixel spread of the two mirror views as a second derived series on the same grid, in HU,
 * never negative, small against the noise removed, larger at edges than in flat tissue.
 */
class UncertaintyOutputTest {
    @TempDir
    Path tmp;

    @Test
    void spreadOfTheViewsIsASecondSeriesOnTheSameGrid() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path f = Fixtures.dicomFiles(DenoiseCommandTest.sample("sim-25pct-dose")).get(1);
        Files.copy(f, in.resolve(f.getFileName()));
        Path out = tmp.resolve("out");
        Path spread = tmp.resolve("spread");
        CliRun run = CliRun.of("denoise", in.toString(), "--out", out.toString(), "--uncertainty", spread.toString(),
                "--device", "cpu", "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        CtStack denoised = new SeriesScanner().scan(out).requireStacks().get(0);
        CtStack map = new SeriesScanner().scan(spread).requireStacks().get(0);
        assertEquals(1, map.size());
        assertEquals(denoised.first().rows(), map.first().rows());
        assertEquals(denoised.first().cols(), map.first().cols());
        assertTrue(!map.seriesInstanceUid().equals(denoised.seriesInstanceUid()));
        org.ddlm.core.HuImage image = map.slices().get(0).loadHu();
        float[] s = image.hu();
        double sum = 0;
        double max = 0;
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (image.padding() != null && image.padding()[i]) {
                continue; // padding keeps the source's padding value, as in the denoised series
            }
            assertTrue(s[i] >= 0, "a spread is never negative: " + s[i]);
            sum += s[i];
            max = Math.max(max, s[i]);
            n++;
        }
        double mean = sum / n;
        // Two views of a 25 % dose slice (about 24 HU of excess noise): they differ by a few HU at most on average.
        assertTrue(mean > 0.05 && mean < 10, "mean spread " + mean + " HU");
        assertTrue(max > 3 * mean, "the spread is larger somewhere (edges) than on average: " + max + " vs " + mean);
        assertEquals(1, new SeriesScanner().scan(in).requireStacks().get(0).size(), "input untouched");
        assertTrue(run.err().contains("(uncertainty)"), run.err());
        assertEquals(1, CliRun.of("denoise", in.toString(), "--out", tmp.resolve("o2").toString(), "--uncertainty",
                tmp.resolve("o2").toString()).exit(), "the map cannot share OUT");
    }
}
