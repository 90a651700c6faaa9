package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.denoise.CliRun;
import org.ddlm.validation.metrics.Padding;
import org.ddlm.validation.metrics.PairMeasure;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ddlm denoise` end to end on a copy of the 25 % dose abdomen sample with its full-dose reference (one sampler step,
 * to keep it short): the derived series, the untouched input, the quality gain measured independently, the JSON line
 * and the DICOM validators.
 */
class DenoiseCommandTest {
    @TempDir
    static Path tmp;

    private static Path in;
    private static Path out;
    private static Path report;
    private static Map<String, String> inputBefore;
    private static CliRun run;

    static Path sample(String part) {
        return Path.of(System.getProperty("ddlm.root", "..")).resolve("sample-scans/abdomen-ge-lightspeed16")
                .resolve(part);
    }

    @BeforeAll
    static void denoiseTheSample() throws Exception {
        in = tmp.resolve("low-dose");
        Files.createDirectories(in);
        for (Path f : Fixtures.dicomFiles(sample("sim-25pct-dose"))) {
            Files.copy(f, in.resolve(f.getFileName()));
        }
        inputBefore = Fixtures.fingerprint(in);
        out = tmp.resolve("denoised");
        report = tmp.resolve("report");
        run = CliRun.of("denoise", in.toString(), "--out", out.toString(), "--reference",
                sample("full-dose").toString(), "--report", report.toString(), "--steps", "1", "--device", "cpu",
                "--threads", "2");
    }

    private static CtStack stack(Path dir) throws Exception {
        return new SeriesScanner().scan(dir).requireStacks().get(0);
    }

    private static JsonObject json() {
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), "one line on stdout: " + run.out());
        return JsonParser.parseString(lines.get(0)).getAsJsonObject();
    }

    @Test
    void writesOneDerivedSeriesOnTheInputGridNamingModelAndSampler() throws Exception {
        assertEquals(0, run.exit(), run.err());
        CtStack source = stack(in);
        CtStack result = stack(out);
        assertEquals(source.size(), result.size());
        assertTrue(!result.seriesInstanceUid().equals(source.seriesInstanceUid()), "a new series UID");
        for (int i = 0; i < source.size(); i++) {
            CtSlice s = source.slices().get(i);
            CtSlice r = result.slices().get(i);
            assertEquals(s.rows(), r.rows());
            assertEquals(s.cols(), r.cols());
            assertArrayEquals(s.position(), r.position(), 1e-6);
            assertArrayEquals(s.pixelSpacing(), r.pixelSpacing(), 1e-9);
            String derivation = r.attribute("DerivationDescription");
            assertTrue(derivation.contains(json().get("model").getAsString()), derivation);
            assertTrue(derivation.contains("ddim(eta=0.0), N 1") && derivation.contains("flips 2"), derivation);
            assertTrue(r.attribute("SeriesDescription").endsWith("[DDLM]"), r.attribute("SeriesDescription"));
        }
    }

    @Test
    void leavesTheInputByteIdentical() throws Exception {
        assertEquals(0, run.exit(), run.err());
        assertEquals(inputBefore, Fixtures.fingerprint(in));
    }

    /** Mean over slices of PSNR and SSIM in the abdomen window, measured here with the metrics library directly. */
    private static double[] measure(CtStack test, CtStack reference) throws Exception {
        double psnr = 0;
        double ssim = 0;
        for (int i = 0; i < test.size(); i++) {
            HuImage t = test.slices().get(i).loadHu();
            HuImage r = reference.slices().get(i).loadHu();
            assertEquals(reference.slices().get(i).normalPosition(), test.slices().get(i).normalPosition(), 1e-6);
            Padding.Pair p = Padding.apply(t, r);
            PairMetrics m = PairMeasure.measure(p.test(), p.reference(), Window.ABDOMEN, null);
            psnr += m.psnrDb();
            ssim += m.ssim();
        }
        return new double[] {psnr / test.size(), ssim / test.size()};
    }

    @Test
    void denoisedSeriesIsCloserToTheReferenceThanTheInput() throws Exception {
        assertEquals(0, run.exit(), run.err());
        CtStack reference = stack(sample("full-dose"));
        double[] input = measure(stack(in), reference);
        double[] denoised = measure(stack(out), reference);
        assertTrue(denoised[0] > input[0] + 0.5, "PSNR " + input[0] + " -> " + denoised[0]);
        assertTrue(denoised[1] > input[1], "SSIM " + input[1] + " -> " + denoised[1]);
    }

    @Test
    void jsonLineCarriesSeriesMeansThatMatchAnIndependentMeasurement() throws Exception {
        assertEquals(0, run.exit(), run.err());
        JsonObject j = json();
        CtStack reference = stack(sample("full-dose"));
        double[] input = measure(stack(in), reference);
        double[] denoised = measure(stack(out), reference);
        assertEquals(6, j.get("slices").getAsInt());
        // One step in each of the default 4 mirror views.
        assertEquals(1.0 * DdlmSettings.defaults().flips(), j.get("nfe_per_slice").getAsDouble(), 0.0);
        assertTrue(j.get("sigma_n_hu").getAsDouble() > 0 && j.get("seconds_per_slice").getAsDouble() > 0, j + "");
        assertEquals(denoised[0], j.getAsJsonObject("psnr_db").get("abdomen").getAsDouble(), 1e-6);
        assertEquals(denoised[1], j.getAsJsonObject("ssim").get("abdomen").getAsDouble(), 1e-6);
        assertEquals(input[0], j.getAsJsonObject("input_psnr_db").get("abdomen").getAsDouble(), 1e-6);
        assertEquals(input[1], j.getAsJsonObject("input_ssim").get("abdomen").getAsDouble(), 1e-6);
        assertTrue(j.getAsJsonObject("psnr_db").has("wide") && j.getAsJsonObject("psnr_db").has("full"), j + "");
        assertEquals(report.toString(), j.get("report").getAsString());
        for (String f : List.of("per_slice.csv", "summary.json", "psnr_ssim_per_slice.png", "montage.png",
                "nps.png", "denoise.json")) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
        // The noise power spectrum of what separates each series from the reference: denoising removes most of it.
        com.google.gson.JsonObject nps = JsonParser.parseString(Files.readString(report.resolve("summary.json")))
                .getAsJsonObject().getAsJsonObject("nps");
        double outNoise = nps.getAsJsonObject("test").get("noise_hu").getAsDouble();
        double inNoise = nps.getAsJsonObject("input").get("noise_hu").getAsDouble();
        assertTrue(nps.getAsJsonObject("test").get("tiles").getAsInt() >= 6, nps + "");
        assertTrue(outNoise < 0.7 * inNoise && outNoise > 0, nps + "");
        // The report keeps the run's JSON line, flagged slices included.
        assertEquals(j, JsonParser.parseString(Files.readString(report.resolve("denoise.json"))).getAsJsonObject());
        assertEquals(0, j.getAsJsonArray("flagged_slices").size(), j + "");
    }

    @Test
    void sameSeedTwiceGivesIdenticalPixels() throws Exception {
        // One slice with whitening noise (drawn from the seeded stream): the seed decides the pixels.
        Path one = Files.createDirectories(tmp.resolve("one-slice"));
        Path first = Fixtures.dicomFiles(in).get(0);
        Files.copy(first, one.resolve(first.getFileName()));
        List<float[]> pixels = new ArrayList<>();
        for (String seed : List.of("5", "5", "6")) {
            Path o = tmp.resolve("seed-" + pixels.size());
            CliRun r = CliRun.of("denoise", one.toString(), "--out", o.toString(), "--steps", "1", "--whitening",
                    "0.5", "--seed", seed, "--device", "cpu", "--threads", "2");
            assertEquals(0, r.exit(), r.err());
            pixels.add(stack(o).slices().get(0).loadHu().hu());
        }
        assertArrayEquals(pixels.get(0), pixels.get(1));
        double diff = 0;
        for (int i = 0; i < pixels.get(0).length; i++) {
            diff = Math.max(diff, Math.abs(pixels.get(0)[i] - pixels.get(2)[i]));
        }
        assertTrue(diff >= 1, "another seed changes the pixels (max difference " + diff + " HU)");
    }

    @Test
    @Tag("external")
    void outputAddsNoDicomValidatorErrors() throws Exception {
        assertEquals(0, run.exit(), run.err());
        List<Path> outputs = Fixtures.dicomFiles(out);
        assertEquals(6, outputs.size());
        DicomValidators.assertNoNewDciodvfyErrors(Fixtures.dicomFiles(in), outputs);
        DicomValidators.assertOneConsistentSeries(outputs);
    }
}
