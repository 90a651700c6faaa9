package org.ddlm.validation.report;

import java.util.List;
import java.util.Locale;
import org.ddlm.validation.metrics.PairMetrics;

/** per_slice.csv: RFC 4180 (CRLF, quoted where needed), UTF-8, Locale.ROOT, 6 decimals (metrics.md section 9). */
final class PerSliceCsv {

    static final List<String> COLUMNS = List.of("slice_index", "z_mm", "instance_number", "test_sop_uid",
            "ref_sop_uid", "window", "W", "L", "psnr_db", "ssim", "rmse_hu", "rmse_hu_clipped", "mae_hu",
            "mean_test_hu", "mean_ref_hu", "input_psnr_db", "input_ssim", "input_rmse_hu", "masked",
            "mask_fraction", "noise_sd_test_hu", "noise_sd_ref_hu", "noise_sd_input_hu", "clamped_pixels");

    private PerSliceCsv() {
    }

    static String render(List<SliceEvaluation> slices) {
        StringBuilder b = new StringBuilder();
        line(b, COLUMNS.toArray(new String[0]));
        for (SliceEvaluation s : slices) {
            for (WindowRow r : s.rows()) {
                PairMetrics t = r.test();
                PairMetrics in = r.input();
                line(b, Integer.toString(s.index()), num(s.zMm()), integer(s.instanceNumber()), text(s.testUid()),
                        text(s.refUid()), r.window().name(), num(r.window().width()), num(r.window().level()),
                        psnr(t.psnrDb()), num(t.ssim()), num(t.rmse()), num(t.rmseClipped()), num(t.mae()),
                        num(t.meanTest()), num(t.meanRef()), in == null ? "" : psnr(in.psnrDb()),
                        in == null ? "" : num(in.ssim()), in == null ? "" : num(in.rmse()),
                        Boolean.toString(s.masked()), num(s.maskFraction()), num(s.noiseTest()),
                        num(s.noiseRef()), num(s.noiseInput()), integer(s.clampedPixels()));
            }
        }
        return b.toString();
    }

    /** Identical images: "inf" (metrics.md section 3). */
    private static String psnr(double v) {
        return v == Double.POSITIVE_INFINITY ? "inf" : num(v);
    }

    /** Not computed: an empty cell. */
    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    private static String integer(Integer v) {
        return v == null ? "" : v.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void line(StringBuilder b, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append("\r\n");
    }
}
