package org.ddlm.plugin.denoise;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.validation.report.MetricBlock;
import org.ddlm.validation.report.ReportResult;
import org.ddlm.validation.report.WindowSummary;

/**
 * The one-line JSON account of a denoise run: series means of the noise level, time and network evaluations, and,
 * when a reference was given, the mean PSNR and SSIM of the denoised series and of the input per window.
 */
public final class DenoiseReport {

    /** Sums the summaries of the stacks of one run. */
    public static final class Totals {
        private int slices;
        private int unchanged;
        private double sigmaSum;
        private double seconds;
        private long evaluations;
        private int retried;
        private int floorCapped;
        private final List<String> flagged = new java.util.ArrayList<>();

        /** Adds one stack's summary; {@code stack} names it in the flagged-slice list. */
        public void add(SeriesDenoiser.Summary s, String stack) {
            s.flagged().forEach(i -> flagged.add(stack + " slice " + i));
            retried += s.retried();
            floorCapped += s.floorCapped().size();
            slices += s.slices();
            unchanged += s.unchanged();
            sigmaSum += s.slices() == 0 ? 0 : s.meanSigmaNHu() * s.slices();
            seconds += s.seconds();
            evaluations += s.networkEvaluations();
        }

        public int slices() {
            return slices;
        }

        public int unchanged() {
            return unchanged;
        }

        /** Slices whose normal-dose floor was capped at total/√2: their level is uncertain. */
        public int floorCapped() {
            return floorCapped;
        }

        /** "STACK slice N" of every slice kept as input after failing the safety check twice. */
        public List<String> flagged() {
            return List.copyOf(flagged);
        }

        double perSlice(double total) {
            return slices == 0 ? Double.NaN : total / slices;
        }
    }

    private final Totals totals;
    private final String modelId;
    private final String settings;
    private final List<Path> outputs;
    private final ReportResult validation;
    private final Path reportDir;

    public DenoiseReport(Totals totals, String modelId, String settings, List<Path> outputs) {
        this(totals, modelId, settings, outputs, null, null);
    }

    private DenoiseReport(Totals totals, String modelId, String settings, List<Path> outputs, ReportResult validation,
                          Path reportDir) {
        this.totals = totals;
        this.modelId = modelId;
        this.settings = settings;
        this.outputs = List.copyOf(outputs);
        this.validation = validation;
        this.reportDir = reportDir;
    }

    /** The same report with the validation against a reference added. */
    public DenoiseReport withValidation(ReportResult result, Path dir) {
        return new DenoiseReport(totals, modelId, settings, outputs, result, dir);
    }

    /** One line of JSON; non-finite numbers (e.g. PSNR of identical images) are written as null. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("slices", totals.slices);
        number(o, "sigma_n_hu", totals.perSlice(totals.sigmaSum));
        o.addProperty("unchanged", totals.unchanged);
        o.addProperty("retried", totals.retried);
        JsonArray flags = new JsonArray();
        totals.flagged.forEach(flags::add);
        o.add("flagged_slices", flags);
        o.addProperty("floor_capped_slices", totals.floorCapped);
        number(o, "seconds", totals.seconds);
        number(o, "seconds_per_slice", totals.perSlice(totals.seconds));
        number(o, "nfe_per_slice", totals.perSlice(totals.evaluations));
        o.addProperty("model", modelId);
        o.addProperty("settings", settings);
        JsonArray out = new JsonArray();
        outputs.forEach(p -> out.add(p.toString()));
        o.add("output", out);
        if (validation != null) {
            o.addProperty("report", reportDir.toString());
            o.add("psnr_db", perWindow(validation, false, true));
            o.add("ssim", perWindow(validation, false, false));
            o.add("input_psnr_db", perWindow(validation, true, true));
            o.add("input_ssim", perWindow(validation, true, false));
        }
        return new Gson().toJson(o);
    }

    /** Mean over slices of PSNR or SSIM per window, for the denoised series or the input. */
    private static JsonObject perWindow(ReportResult r, boolean input, boolean psnr) {
        JsonObject o = new JsonObject();
        for (WindowSummary w : r.summaries()) {
            MetricBlock m = input ? w.input() : w.test();
            if (m != null) {
                number(o, w.window().name(), psnr ? m.psnr().mean() : m.ssim().mean());
            }
        }
        return o;
    }

    private static void number(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }
}
