package org.ddlm.validation.report;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.ddlm.core.BodyMask;
import org.ddlm.validation.metrics.SummaryStats;
import org.ddlm.validation.metrics.Window;

/**
 * summary.json (metrics.md section 9). The per-window blocks sit under "metrics", keyed by window name.
 * Each statistic's "mean" is the plain mean of the slice values, so it equals the mean of the CSV column;
 * the series RMSE of section 9, sqrt(mean of slice MSEs), is given separately as "rmse_hu_series".
 */
final class SummaryJson {

    private SummaryJson() {
    }

    static String render(ReportRequest req, List<SliceEvaluation> slices, List<WindowSummary> summaries,
                         ResidualNps nps) {
        JsonWriter j = new JsonWriter().beginObject();
        j.field("tool", "ddlm").field("version", req.toolVersion())
                .field("created", DateTimeFormatter.ISO_INSTANT.format(req.created()))
                .field("command", req.command());
        series(j.name("test"), req.test());
        series(j.name("reference"), req.reference());
        if (req.input() == null) {
            j.name("input").nullValue();
        } else {
            series(j.name("input"), req.input());
        }
        j.field("n_pairs", slices.size());
        stringArray(j.name("unmatched"), req.unmatched());

        j.name("windows").beginObject();
        for (Window w : req.windows()) {
            j.name(w.name()).beginObject().field("W", w.width()).field("L", w.level()).field("lo", w.lo())
                    .field("hi", w.hi()).endObject();
        }
        j.endObject();

        j.name("metrics").beginObject();
        for (WindowSummary s : summaries) {
            j.name(s.window().name()).beginObject();
            block(j, s.test());
            if (s.input() == null) {
                j.name("input").nullValue().name("delta").nullValue();
            } else {
                block(j.name("input").beginObject(), s.input());
                j.endObject();
                j.name("delta").beginObject().field("psnr_db", s.deltaPsnr()).field("ssim", s.deltaSsim())
                        .field("rmse_hu", s.deltaRmse()).field("rmse_hu_clipped", s.deltaRmseClipped())
                        .endObject();
            }
            j.endObject();
        }
        j.endObject();

        double[] fractions = slices.stream().mapToDouble(SliceEvaluation::maskFraction).toArray();
        j.name("mask").beginObject().field("used", req.bodyMask());
        if (req.bodyMask()) {
            j.field("threshold", BodyMask.THRESHOLD_HU)
                    .field("rule", "HU > threshold, largest 8-connected component, 4-connected holes filled");
            stats(j.name("fraction"), SummaryStats.of(fractions));
        } else {
            j.name("threshold").nullValue();
        }
        j.endObject();

        j.name("noise").beginObject();
        if (req.noiseRoi() == null) {
            j.name("roi").nullValue();
        } else {
            j.field("roi", req.noiseRoi().describe());
            stats(j.name("sd_test"), SummaryStats.of(col(slices, SliceEvaluation::noiseTest)));
            stats(j.name("sd_ref"), SummaryStats.of(col(slices, SliceEvaluation::noiseRef)));
            if (req.input() == null) {
                j.name("sd_input").nullValue();
            } else {
                stats(j.name("sd_input"), SummaryStats.of(col(slices, SliceEvaluation::noiseInput)));
            }
        }
        j.endObject();

        j.name("nps").beginObject().field("tile_px", ResidualNps.TILE).field("detrend", "mean")
                .field("region", "difference from the reference, tiles wholly inside the reference's body");
        spectrum(j.name("test"), nps.test());
        spectrum(j.name("input"), nps.input());
        j.endObject();

        j.name("settings").beginObject();
        for (Map.Entry<String, String> e : req.settings().entrySet()) {
            j.field(e.getKey(), e.getValue());
        }
        j.endObject();
        stringArray(j.name("problems"), problems(req, slices));
        return j.endObject().toString();
    }

    /** The caller's problems plus slices that were left out of series means. */
    static List<String> problems(ReportRequest req, List<SliceEvaluation> slices) {
        List<String> out = new java.util.ArrayList<>(req.problems());
        for (SliceEvaluation s : slices) {
            if (s.masked() && s.maskFraction() == 0) {
                out.add("slice " + s.index() + " (z " + s.zMm() + " mm): empty body mask; left out of series means");
            }
        }
        return out;
    }

    private static double[] col(List<SliceEvaluation> s, java.util.function.ToDoubleFunction<SliceEvaluation> f) {
        return s.stream().mapToDouble(f).toArray();
    }

    private static void block(JsonWriter j, MetricBlock b) {
        stats(j.name("psnr_db"), b.psnr());
        stats(j.name("ssim"), b.ssim());
        stats(j.name("rmse_hu"), b.rmse());
        stats(j.name("rmse_hu_clipped"), b.rmseClipped());
        stats(j.name("mae_hu"), b.mae());
        j.field("psnr_pooled_db", b.psnrPooled()).field("rmse_hu_series", b.rmseSeries())
                .field("rmse_hu_clipped_series", b.rmseClippedSeries()).field("n_identical", b.nIdentical())
                .field("n_excluded", b.nExcluded());
    }

    /** Pooled NPS numbers: tiles, the noise its integral gives, and the peak and mean radial frequencies. */
    private static void spectrum(JsonWriter j, org.ddlm.validation.metrics.Nps n) {
        if (n == null) {
            j.nullValue();
            return;
        }
        org.ddlm.validation.metrics.RadialNps r = n.radial();
        j.beginObject().field("tiles", n.roiCount()).field("variance_hu2", n.integral())
                .field("noise_hu", Math.sqrt(n.integral())).field("f_peak_per_mm", r.fPeak())
                .field("f_mean_per_mm", r.fMean()).endObject();
    }

    private static void stats(JsonWriter j, SummaryStats s) {
        j.beginObject().field("mean", s.mean()).field("std", s.std()).field("min", s.min())
                .field("median", s.median()).field("max", s.max()).field("n", s.n()).endObject();
    }

    private static void series(JsonWriter j, SeriesInfo s) {
        j.beginObject().field("path", s.path()).field("series_uid", s.seriesUid())
                .field("description", s.description()).field("n_slices", s.nSlices()).endObject();
    }

    private static void stringArray(JsonWriter j, List<String> items) {
        j.beginArray();
        for (String s : items) {
            j.value(s);
        }
        j.endArray();
    }
}
