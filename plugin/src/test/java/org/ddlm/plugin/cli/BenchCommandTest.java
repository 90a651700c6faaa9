package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ddlm.plugin.bench.BenchCsv;
import org.ddlm.plugin.bench.Grid;
import org.ddlm.plugin.bench.PsnrNfeChart;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddlm bench} end to end on one cropped slice with the quick grid: table, CSV, JSON and plot. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickGridWritesTableCsvJsonAndPlot() throws Exception {
        Path out = tmp.resolve("bench");
        CliRun run = CliRun.of("bench", "--samples", "../sample-scans/abdomen-ge-lightspeed16",
                    "--slices", "1", "--crop", "64", "--grid", "quick", "--out", out.toString(), "--device", "cpu",
                    "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        String table = run.out();
        assertTrue(table.contains("PSNR abd") && table.contains("default"), table);

        List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
        assertEquals(String.join(",", BenchCsv.COLUMNS), csv.get(0));
        int gridRows = Grid.named("quick").size();
        assertEquals(1 + 3 + gridRows, csv.size(), String.join("\n", csv));
        List<String> methods = csv.subList(1, csv.size()).stream().map(l -> l.split(",")[1]).toList();
        assertEquals(List.of("input", "gaussian", "tv"), methods.subList(0, 3));
        assertEquals(gridRows, methods.stream().filter("ddlm"::equals).count());
        for (String line : csv.subList(1, csv.size())) {
            assertEquals(BenchCsv.COLUMNS.size(), line.split(",", -1).length, line);
        }

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("bench.json"))).getAsJsonObject();
        assertEquals(Runtime.getRuntime().availableProcessors(),
                json.getAsJsonObject("machine").get("available_processors").getAsInt());
        assertEquals(2, json.getAsJsonObject("machine").get("torch_intra_op_threads").getAsInt());
        assertEquals(csv.size() - 1, json.getAsJsonArray("results").size());

        BufferedImage png = ImageIO.read(out.resolve("psnr_vs_nfe.png").toFile());
        assertNotNull(png);
        assertEquals(PsnrNfeChart.WIDTH, png.getWidth());
        assertEquals(PsnrNfeChart.PANEL_HEIGHT, png.getHeight());
    }

    @Test
    void unknownGridIsAUsageError() {
        assertEquals(Errors.INPUT_ERROR, DdlmCli.run("bench", "--grid", "huge", "--out", tmp.toString()));
    }
}
