package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ddlm.plugin.denoise.CliRun;
import org.ddlm.plugin.workflow.UserException;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm gain-chart`: the bars are the CSV's gains, flagged series in their own colour, failures without a bar. */
class GainChartCommandTest {
    @TempDir
    Path tmp;

    // Quoted fields with commas, doubled quotes and a line break, as Python's csv module writes them.
    static final String CSV = "series,status,flagged_slices,psnr_gain_abdomen_db,settings\n"
            + "a,ok,0,4.5,\"ddim, N 1\"\n"
            + "b,ok,2,1.25,\"zeta \"\"0.03\"\"\nsecond line\"\n"
            + "c,failed,,,\n"
            + "d,ok,0,,plain\n";

    @Test
    void csvFieldsFollowRfc4180() throws Exception {
        CsvTable t = CsvTable.parse(CSV);
        assertEquals(4, t.size());
        assertEquals("ddim, N 1", t.get(0, "settings"));
        assertEquals("zeta \"0.03\"\nsecond line", t.get(1, "settings"));
        assertEquals("", t.get(2, "settings"));
        assertEquals("plain", t.get(3, "settings"));
        assertThrows(UserException.class, () -> t.get(0, "missing"));
        assertThrows(UserException.class, () -> CsvTable.parse("a,b\n\"open"));
    }

    @Test
    void datasetHasOneRowPerSeriesWithTheGainInTheRightBarSeries() throws Exception {
        DefaultCategoryDataset d = GainChartCommand.dataset(CsvTable.parse(CSV), "psnr_gain_abdomen_db");
        assertEquals(List.of("a", "b (2 flagged)", "c (failed)", "d (no reference)"), d.getColumnKeys());
        assertEquals(4.5, d.getValue(GainChartCommand.OK, "a").doubleValue());
        assertNull(d.getValue(GainChartCommand.FLAGGED, "a"));
        assertEquals(1.25, d.getValue(GainChartCommand.FLAGGED, "b (2 flagged)").doubleValue());
        assertNull(d.getValue(GainChartCommand.OK, "b (2 flagged)"));
        assertNull(d.getValue(GainChartCommand.OK, "c (failed)"));
        assertNull(d.getValue(GainChartCommand.OK, "d (no reference)"));
    }

    @Test
    void writesThePng() throws Exception {
        Path csv = Files.writeString(tmp.resolve("summary.csv"), CSV);
        Path png = tmp.resolve("charts/gain.png");
        CliRun r = CliRun.of("gain-chart", csv.toString(), "--out", png.toString());
        assertEquals(0, r.exit(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                red += img.getRGB(x, y) == new java.awt.Color(214, 39, 40).getRGB() ? 1 : 0;
            }
        }
        assertTrue(red > 500, "the flagged series' bar is drawn in red: " + red + " pixels");
        try (var files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList());
        }
    }

    @Test
    void aValueThatIsNotANumberIsABadInput() throws Exception {
        Path csv = Files.writeString(tmp.resolve("summary.csv"), "series,status,flagged_slices,psnr_gain_abdomen_db\n"
                + "a,ok,0,high\n");
        CliRun r = CliRun.of("gain-chart", csv.toString(), "--out", tmp.resolve("g.png").toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("ddlm: error: row 1 of the CSV file has 'high' in psnr_gain_abdomen_db, not a number\n",
                r.errLines());
        assertTrue(Files.notExists(tmp.resolve("g.png")));
    }
}
