package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.plugin.workflow.CalibrateNoiseRequest;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseMask;
import org.ddlm.validation.simulate.DoseSettings;
import org.ddlm.validation.simulate.DoseSimulator;
import org.ddlm.plugin.denoise.CliRun;
import org.ddlm.validation.simulate.SpacedSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm calibrate-noise` on a tiny data set against an independent computation of σ_ref,HH and κ. */
class CalibrateNoiseCommandTest {
    private static final double DOSE = 0.5;
    private static final double N0 = 1e5;
    private static final long SEED = 3;

    @TempDir
    Path tmp;

    private static CliRun ddlm(String... args) {
        return CliRun.of(args);
    }

    /** Two series: a sharp chest kernel (B70f, 2 slices, of which the command uses 1) and a soft abdomen kernel. */
    private Path tinyDataSet() throws Exception {
        Path data = tmp.resolve("data");
        copy("chest-siemens-sensation10-b70f", data.resolve("sharp"), 2);
        copy("abdomen-ge-lightspeed16", data.resolve("soft"), 1);
        return data;
    }

    private static double level(org.ddlm.core.HuImage s) {
        return org.ddlm.diffusion.ddlm.LocalNoise.level(s, org.ddlm.diffusion.ddlm.NoiseMask.of(s));
    }

    private static void copy(String series, Path to, int count) throws Exception {
        Files.createDirectories(to);
        List<Path> files = Fixtures.dicomFiles(Fixtures.shared().resolve("data/ct").resolve(series));
        for (Path f : files.subList(0, count)) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    @Test
    void kappaAndReferenceMatchAnIndependentComputation() throws Exception {
        Path data = tinyDataSet();
        Path out = tmp.resolve("noise_calibration.json");
        CliRun r = ddlm("calibrate-noise", "--data", data.toString(), "--out", out.toString(), "--dose", "" + DOSE,
                "--n0", "" + N0, "--seed", "" + SEED, "--threads", "2", "--slices-per-series", "1");
        assertEquals(0, r.exit(), r.err());

        DoseSimulator simulator = new DoseSimulator(DoseSettings.defaults(SEED).withDose(DOSE).withN0(N0), 2);
        List<Double> hhNormal = new ArrayList<>();
        // --slices-per-series 1 of 2 slices takes the second (index 1), which keeps its own random stream.
        double kappaSharp = sliceKappa(data.resolve("sharp"), 1, simulator, hhNormal);
        double kappaSoft = sliceKappa(data.resolve("soft"), 0, simulator, hhNormal);
        hhNormal.add(NoiseLevelEstimator.hhLevel(normalSlice(data.resolve("sharp"), 0))); // σ_ref uses every slice
        double expectedKappa = 0.5 * (kappaSharp + kappaSoft); // median of two series
        double expectedReference = Median.of(hhNormal.stream().mapToDouble(Double::doubleValue).toArray());

        String json = Files.readString(out);
        NoiseCalibration c = NoiseCalibration.parse(json, out.toString());
        // The command forms LD − ND in float, this test in double: agreement to 1e-6, not to the last bit.
        assertEquals(expectedKappa, c.kappa(), 1e-6 * expectedKappa);
        assertEquals(expectedReference, c.referenceHh(), 1e-12);
        // σ_ref: the median of the per-series medians of the local-std level (sharp has 2 slices, soft 1).
        double sharp = 0.5 * (level(normalSlice(data.resolve("sharp"), 0)) + level(normalSlice(data.resolve("sharp"), 1)));
        double soft = level(normalSlice(data.resolve("soft"), 0));
        assertEquals(0.5 * (sharp + soft), c.referenceTotal(), 1e-9);
        assertTrue(c.referenceTotal() > 2 && c.referenceTotal() < 60, "sigma_ref " + c.referenceTotal());
        assertTrue(c.description().contains("median over 3 normal-dose slice(s) of 2 series"), c.description());

        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        JsonArray rows = o.getAsJsonArray("per_series");
        assertEquals(2, rows.size());
        assertEquals("data/sharp", rows.get(0).getAsJsonObject().get("series").getAsString());
        assertEquals(kappaSharp, rows.get(0).getAsJsonObject().get("kappa").getAsDouble(), 1e-6 * kappaSharp);
        assertEquals(2, rows.get(0).getAsJsonObject().get("slices").getAsInt());
        assertEquals(1, rows.get(0).getAsJsonObject().get("simulated_slices").getAsInt());
        assertEquals(kappaSoft, rows.get(1).getAsJsonObject().get("kappa").getAsDouble(), 1e-6 * kappaSoft);
        // SliceThickness as dcmdump shows it (8 mm B70f, 5 mm abdomen); σ_ref holds at their median.
        assertEquals(8.0, rows.get(0).getAsJsonObject().get("slice_thickness_mm").getAsDouble(), 0.0);
        assertEquals(5.0, rows.get(1).getAsJsonObject().get("slice_thickness_mm").getAsDouble(), 0.0);
        assertEquals(6.5, c.referenceThicknessMm(), 0.0);
        assertEquals(DOSE, o.getAsJsonObject("simulation").get("dose").getAsDouble(), 0.0);
        // Reconstructed (correlated) noise: the HH band sees less of it than of white noise.
        assertTrue(kappaSharp > 1 && kappaSoft > 1, kappaSharp + " " + kappaSoft);
        assertTrue(r.out().contains("data/sharp") && r.out().contains("sigma_ref,HH"), r.out());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("data", "noise_calibration.json"), s.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file left behind");
        }
    }

    /**
     * std(n)/σ_HH(n) of slice i of a series by hand: n = LD − ND with the simulator's stream for index i, std over the
     * ND noise mask, HH level = median of |(n00 − n01 − n10 + n11)/2| over 2×2 blocks inside the mask / 0.6745.
     */
    private static double sliceKappa(Path dir, int i, DoseSimulator simulator, List<Double> hhNormal)
            throws Exception {
        CtStack stack = new SeriesScanner().scan(dir).requireStacks().get(0);
        CtSlice s = stack.slices().get(i);
        HuImage img = s.loadHu();
        int w = img.width();
        HuImage normal = img;
        hhNormal.add(NoiseLevelEstimator.hhLevel(normal));
        double[] ps = s.pixelSpacing();
        float[] low = simulator.simulate(new SpacedSlice(img, ps[0], ps[1]), i).hu();
        boolean[] mask = NoiseMask.of(normal);
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                double d = (double) low[p] - img.hu()[p];
                sum += d;
                sum2 += d * d;
                n++;
            }
        }
        double std = Math.sqrt((sum2 - sum * sum / n) / (n - 1));
        List<Double> hh = new ArrayList<>();
        for (int y = 0; y + 1 < img.height(); y += 2) {
            for (int x = 0; x + 1 < w; x += 2) {
                int p = y * w + x;
                if (mask[p] && mask[p + 1] && mask[p + w] && mask[p + w + 1]) {
                    double n00 = (double) low[p] - img.hu()[p];
                    double n01 = (double) low[p + 1] - img.hu()[p + 1];
                    double n10 = (double) low[p + w] - img.hu()[p + w];
                    double n11 = (double) low[p + w + 1] - img.hu()[p + w + 1];
                    hh.add(Math.abs(n00 - n01 - n10 + n11) / 2);
                }
            }
        }
        return std / (Median.of(hh.stream().mapToDouble(Double::doubleValue).toArray()) / 0.6745);
    }

    private static HuImage normalSlice(Path dir, int i) throws Exception {
        HuImage img = new SeriesScanner().scan(dir).requireStacks().get(0).slices().get(i).loadHu();
        return img;
    }

    @Test
    void evenlySpacedSlices() {
        assertArrayEquals(new int[] {1, 5, 8}, CalibrateNoiseRequest.pick(10, 3));
        assertArrayEquals(new int[] {0, 1, 2}, CalibrateNoiseRequest.pick(3, 0));
        assertArrayEquals(new int[] {0, 1, 2}, CalibrateNoiseRequest.pick(3, 7));
        assertArrayEquals(new int[] {2}, CalibrateNoiseRequest.pick(5, 1));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyWork() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("empty"));
        Path out = tmp.resolve("c.json");
        CliRun missing = ddlm("calibrate-noise", "--data", tmp.resolve("nope").toString(), "--out", out.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("is not a folder"), missing.err());

        CliRun noDicom = ddlm("calibrate-noise", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, noDicom.exit(), noDicom.err());
        assertTrue(noDicom.err().startsWith("ddlm: error: "), noDicom.err());

        Files.writeString(out, "keep");
        CliRun exists = ddlm("calibrate-noise", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, exists.exit());
        assertTrue(exists.err().contains("--overwrite"), exists.err());
        assertEquals("keep", Files.readString(out));

        CliRun negative = ddlm("calibrate-noise", "--data", data.toString(), "--out", tmp.resolve("d.json").toString(),
                "--slices-per-series", "-1");
        assertEquals(1, negative.exit());
        assertTrue(negative.err().contains("--slices-per-series"), negative.err());

        CliRun noParent = ddlm("calibrate-noise", "--data", data.toString(), "--out",
                tmp.resolve("no/such/dir/c.json").toString());
        assertEquals(1, noParent.exit());
        assertTrue(noParent.err().contains("does not exist"), noParent.err());
        assertFalse(Files.exists(tmp.resolve("d.json")));
    }
}
