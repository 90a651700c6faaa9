package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddlm bench-textures} end to end on one real slice, one texture and one dose: the CSV, JSON and plot, the
 * estimate's truth and the denoising gain.
 */
class BenchTexturesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void oneCaseWritesCsvJsonAndPlotWithConsistentNumbers() throws Exception {
        Path out = tmp.resolve("tb");
        CliRun run = CliRun.of("bench-textures", "--data", "../sample-scans/abdomen-ge-lightspeed16/full-dose",
                    "--slices", "1", "--filters", "ramp", "--geometries", "parallel", "--doses", "0.25",
                    "--no-baselines", "--out", out.toString(), "--device", "cpu", "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        List<String> csv = Files.readAllLines(out.resolve("texture_bench.csv"));
        assertEquals(2, csv.size(), String.join("\n", csv));
        String[] header = csv.get(0).split(",", -1);
        String[] values = csv.get(1).split(",", -1);
        assertEquals(header.length, values.length, csv.get(1));
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            row.put(header[i], values[i]);
        }
        assertEquals("ramp/parallel", row.get("texture"));
        double trueSigma = Double.parseDouble(row.get("true_sigma_hu"));
        double estimate = Double.parseDouble(row.get("estimate_hu"));
        double floor = Double.parseDouble(row.get("normal_dose_noise_hu"));
        double trueTotal = Double.parseDouble(row.get("true_total_hu"));
        double totalEstimate = Double.parseDouble(row.get("estimate_total_hu"));
        // A quarter dose adds noise of sqrt(1/0.25 - 1) = 1.7 times the normal-dose level or more (electronic noise).
        assertTrue(trueSigma > 1.5 * floor && trueSigma < 150, row.toString());
        assertEquals(Math.hypot(trueSigma, floor), trueTotal, 1e-3 * trueTotal, "one slice: no averaging");
        assertEquals(estimate / trueSigma, Double.parseDouble(row.get("estimate_ratio")), 1e-3);
        // The measured total noise is the estimator's own quantity: within 15 % here (the bench's acceptance).
        assertEquals(trueTotal, totalEstimate, 0.15 * trueTotal, row.toString());
        assertEquals(1, Integer.parseInt(row.get("total_within_15pct")));
        // The floor is capped only on a slice quieter than sqrt 2 x sigma_ref (the sample is 5 mm, the prior's own).
        boolean capped = totalEstimate * Math.sqrt(0.5) < NoiseCalibration.forModel("default").referenceTotal();
        assertEquals(capped ? 1 : 0, Integer.parseInt(row.get("floor_capped")), row.toString());
        assertTrue(Double.parseDouble(row.get("gain_db")) >= 1.5, "ddlm gains on a sharp quarter dose: " + row);
        assertEquals(Double.parseDouble(row.get("ddlm_psnr")) - Double.parseDouble(row.get("input_psnr")),
                Double.parseDouble(row.get("gain_db")), 1e-3);

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("texture_bench.json")))
                .getAsJsonObject();
        JsonObject summary = json.getAsJsonObject("summary");
        assertEquals(1, summary.get("cases").getAsInt());
        assertEquals(1, summary.get("total_noise_within_15pct_slices").getAsInt());
        assertEquals(row.get("within_15pct"), summary.get("estimate_within_15pct_slices").getAsString());
        // Effective dose: the normal-dose noise's share of the true total, n^2 / (n^2 + sigma^2); a simulated quarter
        // dose of the sample adds more than sqrt 3 times its noise, so below 25 %, and the case counts again in the
        // subset of cases within the estimator's stated dose range (at most 50 %).
        double effective = Double.parseDouble(row.get("effective_dose"));
        assertEquals(floor * floor / (trueTotal * trueTotal), effective, 1e-3, row.toString());
        assertTrue(effective < 0.25, row.toString());
        JsonObject stated = summary.getAsJsonObject("at_effective_dose_50pct_or_less");
        assertEquals(1, stated.get("cases").getAsInt());
        assertEquals(summary.get("estimate_within_15pct_slices"), stated.get("estimate_within_15pct_slices"));
        BufferedImage png = ImageIO.read(out.resolve("psnr_gain_vs_texture.png").toFile());
        assertTrue(png.getWidth() >= 400 && png.getHeight() >= 300, png.getWidth() + "x" + png.getHeight());
        assertTrue(run.out().contains("ramp/parallel"), run.out());
    }

    /**
     * The own-texture check on the bundled full-dose abdomen: the excess copies the slice's own noise, so at a
     * quarter dose its std is sqrt 3 times the normal-dose noise (the NPS of its flattest soft tissue; the
     * estimator's own measure of the same slice must agree within 20 %), and ddlm must gain on it.
     */
    @Test
    void ownTextureCasesInsertTheSeriesOwnNoiseAtTheDosesLevel() throws Exception {
        Path out = tmp.resolve("own");
        CliRun run = CliRun.of("bench-textures", "--own-texture", "../sample-scans/abdomen-ge-lightspeed16/full-dose",
                "--slices", "1", "--doses", "0.25", "--no-baselines", "--out", out.toString(), "--device", "cpu",
                "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        List<String> csv = Files.readAllLines(out.resolve("texture_bench.csv"));
        assertEquals(2, csv.size(), "one series x one dose, no simulator case: " + String.join("\n", csv));
        String[] header = csv.get(0).split(",", -1);
        String[] values = csv.get(1).split(",", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            row.put(header[i], values[i]);
        }
        assertEquals("own-texture", row.get("texture"));
        assertEquals("full-dose", row.get("series"));
        double trueSigma = Double.parseDouble(row.get("true_sigma_hu"));
        double normalDose = Double.parseDouble(row.get("normal_dose_noise_hu"));
        assertEquals(Math.sqrt(3) * normalDose, trueSigma, 0.2 * Math.sqrt(3) * normalDose, row.toString());
        double trueTotal = Double.parseDouble(row.get("true_total_hu"));
        assertEquals(trueTotal, Double.parseDouble(row.get("estimate_total_hu")), 0.15 * trueTotal, row.toString());
        assertTrue(Double.parseDouble(row.get("gain_db")) >= 1.5, row.toString());
        // The excess copies the slice's own noise at (1/d - 1) times its variance: a real quarter dose, whatever the
        // estimator's measure of that noise says (its ratio to the texture's level is checked above).
        assertEquals(0.25, Double.parseDouble(row.get("effective_dose")), 1e-9, row.toString());
        // The JSON says what the texture was measured on; its level is the one the excess was scaled from.
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("texture_bench.json")))
                .getAsJsonObject();
        String facts = json.get("own_texture full-dose").getAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("NPS over (\\d+) flat ROIs of 16 px, normal-dose "
                + "noise ([0-9.]+) HU").matcher(facts);
        assertTrue(m.matches(), facts);
        assertTrue(Integer.parseInt(m.group(1)) >= 16, facts);
        assertEquals(Math.sqrt(3) * Double.parseDouble(m.group(2)), trueSigma, 0.03 * trueSigma, facts);
    }

    @Test
    void withoutAnySeriesItIsAUsageError() {
        CliRun run = CliRun.of("bench-textures", "--out", tmp.resolve("none").toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--data DIR... (simulated low dose) and/or --own-texture DIR..."), run.err());
        assertTrue(!Files.exists(tmp.resolve("none")), "nothing written");
    }
}
