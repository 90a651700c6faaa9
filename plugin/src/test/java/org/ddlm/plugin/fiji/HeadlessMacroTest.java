package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.DdlmDenoiser;
import org.ddlm.diffusion.ddlm.DdlmInput;
import org.ddlm.diffusion.ddlm.DdlmOutput;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.validation.metrics.PairMeasure;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: real ImageJ 1.54p, patched by ij1-patcher as headless Fiji, runs a macro file that opens the bundled
 * 25 % dose abdomen sample, runs "Denoise (DDLM)..." with explicit options and "Validate Against Reference...".
 * The image, the written series and the Results table are then checked against the libraries called directly.
 */
class HeadlessMacroTest {
    static final Path SAMPLE = Path.of(System.getProperty("ddlm.root", "..")).resolve(
            "sample-scans/abdomen-ge-lightspeed16");
    static final Path LOW = SAMPLE.resolve("sim-25pct-dose/S1002_CTCHABPEL");
    static final Path FULL = SAMPLE.resolve("full-dose");

    @Test
    void macroDenoisesValidatesAndWrites(@TempDir Path tmp) throws Exception {
        Path app = FijiProcess.fijiApp(tmp);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path macro = tmp.resolve("denoise-and-validate.ijm");
        try (var in = getClass().getResourceAsStream("/fiji/denoise-and-validate.ijm")) {
            Files.copy(in, macro);
        }
        FijiProcess.Result r = FijiProcess.run(app, List.of("-Djava.awt.headless=true"),
                HeadlessMacroMain.class.getName(), List.of(macro.toString(), LOW.toAbsolutePath() + "|"
                        + FULL.toAbsolutePath() + "|" + out), tmp.resolve("log.txt"), List.of(), 240);
        System.out.println(r.output());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("macro finished"), r.output());

        CtStack low = new SeriesScanner().scan(LOW).requireStacks().get(0);
        CtStack full = new SeriesScanner().scan(FULL).requireStacks().get(0);
        ImagePlus denoised = IJ.openImage(out.resolve("denoised.tif").toString());
        assertEquals(6, denoised.getStackSize());
        assertEquals(low.first().pixelSpacing()[1], denoised.getCalibration().pixelWidth, 1e-5); // TIFF keeps float
        assertEquals("mm", denoised.getCalibration().getUnit());

        // The image equals the library's DDLM on the same slices with the same settings, seed and noise level.
        // Its slices are in the input image's order (file names), the series' in position order: match by name.
        float[][] byStack = new float[6][];
        for (int s = 1; s <= 6; s++) {
            String label = denoised.getStack().getSliceLabel(s).split("\n")[0];
            for (int k = 0; k < 6; k++) {
                if (low.slices().get(k).path().getFileName().toString().equals(label)) {
                    byStack[k] = (float[]) denoised.getStack().getPixels(s);
                }
            }
        }
        // Streams are per slice (seed, series UID, slice index), so one slice can be checked alone.
        Map<Integer, float[]> expected = libraryDenoise(low, List.of(4));
        for (int i : expected.keySet()) {
            assertEquals(0.0, maxAbsDiff(expected.get(i), byStack[i]), 1e-3, "slice " + (i + 1));
        }
        for (int i = 0; i < 6; i++) {
            assertTrue(maxAbsDiff(low.slices().get(i).loadHu().hu(), byStack[i]) > 5, "slice " + (i + 1)
                    + " unchanged");
        }

        // The written series holds the same HU (stored as int16 with intercept 0, so rounded), marked derived.
        List<CtStack> written = new SeriesScanner().scan(out.resolve("series")).requireStacks();
        assertEquals(1, written.size());
        CtStack series = written.get(0);
        assertEquals(6, series.size());
        assertTrue(series.first().attribute("ImageType").contains("DERIVED"), series.first().attribute("ImageType"));
        String derivation = series.first().attribute("DerivationDescription");
        for (String part : List.of("model default(sha256:", ", N 2,", "blend zeta 0.1", "seed 7")) {
            assertTrue(derivation.contains(part), "'" + part + "' not in DerivationDescription: " + derivation);
        }
        for (int i = 0; i < 6; i++) {
            float[] stored = series.slices().get(i).loadHu().hu();
            assertEquals(0.0, maxAbsDiff(stored, round(byStack[i])), 0.0, "written slice " + (i + 1));
        }

        // The Results table equals PairMeasure on the denoised image against the reference (padding rule applied).
        List<Map<String, String>> rows = readCsv(out.resolve("results.csv"));
        assertEquals(6, rows.size());
        for (int i = 0; i < 6; i++) {
            HuImage ref = full.slices().get(i).loadHu();
            HuImage in = low.slices().get(i).loadHu();
            PairMetrics test = measure(byStack[i], ref, Window.ABDOMEN);
            PairMetrics input = measure(in.hu(), ref, Window.ABDOMEN);
            PairMetrics wide = measure(byStack[i], ref, Window.WIDE);
            Map<String, String> row = rows.get(i);
            assertEquals(full.slices().get(i).normalPosition(), num(row, "z (mm)"), 1e-3);
            assertEquals(test.psnrDb(), num(row, "PSNR abdomen"), 1e-3);
            assertEquals(test.ssim(), num(row, "SSIM abdomen"), 1e-4);
            assertEquals(test.rmse(), num(row, "RMSE abdomen"), 1e-3);
            assertEquals(input.psnrDb(), num(row, "input PSNR abdomen"), 1e-3);
            assertEquals(wide.psnrDb(), num(row, "PSNR wide"), 1e-3);
        }
    }

    static Map<Integer, float[]> libraryDenoise(CtStack low, List<Integer> slices) throws Exception {
        DdlmSettings settings = DdlmSettings.defaults().withSampler(new DpmSolver2MSampler(), 2)
                .withEnsemble(1, 7, 0.0).withFlips(2);
        // The macro passes sampler, steps, zeta=0.1 and flips=2 explicitly; everything else is the defaults.
        settings = settings.withConditioning(DdlmSettings.Mode.BLEND, 0.1, settings.gamma(), settings.splitting());
        List<DdlmInput> inputs = new ArrayList<>();
        List<HuImage> sources = new ArrayList<>();
        for (int i : slices) {
            HuImage img = low.slices().get(i).loadHu();
            sources.add(img);
            inputs.add(new DdlmInput(img.withHu(img.filledCopy(HuImage.PADDING_FILL_HU)), low.seriesInstanceUid(), i,
                    20.0));
        }
        try (PriorModels.Opened prior = PriorModels.open(PriorModels.DEFAULT, Device.cpu());
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<DdlmOutput> outs = new DdlmDenoiser(prior.denoiser(), settings, null, manager).denoise(inputs, null);
            Map<Integer, float[]> result = new java.util.TreeMap<>();
            for (int k = 0; k < outs.size(); k++) {
                result.put(slices.get(k), sources.get(k).restorePadding(outs.get(k).hu().clone()));
            }
            return result;
        }
    }

    static PairMetrics measure(float[] test, HuImage ref, Window window) throws Exception {
        float[] t = new float[test.length];
        float[] r = new float[test.length];
        for (int i = 0; i < t.length; i++) {
            boolean pad = ref.isPadding(i);
            t[i] = pad ? -1024 : test[i];
            r[i] = pad ? -1024 : ref.hu()[i];
        }
        return PairMeasure.measure(new HuImage(ref.width(), ref.height(), t), new HuImage(ref.width(), ref.height(), r),
                window, null);
    }

    private static float[] round(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(-32768, Math.min(32767, Math.round(v[i])));
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    /** ImageJ's Results CSV: a header row, comma-separated, the first column the row number (" "). */
    static List<Map<String, String>> readCsv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length && c < cells.length; c++) {
                row.put(header[c].trim(), cells[c].trim());
            }
            rows.add(row);
        }
        return rows;
    }

    private static double num(Map<String, String> row, String column) {
        String v = row.get(column);
        assertTrue(v != null, "no column '" + column + "' in " + row.keySet());
        return Double.parseDouble(v);
    }
}
