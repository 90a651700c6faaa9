package org.ddlm.plugin.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** texture_bench.csv, texture_bench.json, psnr_gain_vs_texture.png and the printed table of the texture bench. */
public final class TextureBenchOutput {
    static final List<String> COLUMNS = List.of("series", "texture", "dose", "pixel_mm", "slices", "true_sigma_hu",
            "estimate_hu", "estimate_ratio", "worst_estimate_error", "within_15pct", "sharpness", "c_t",
            "input_psnr", "ddlm_psnr", "ddlm_ssim", "gain_db", "worse_slices", "flagged", "retried", "gaussian_psnr",
            "gaussian_param", "tv_psnr", "tv_param", "reference_psnr", "input_ssim", "gaussian_ssim", "tv_ssim",
            "normal_dose_noise_hu", "true_total_hu", "estimate_total_hu", "total_within_15pct", "floor_capped",
            "effective_dose");

    private TextureBenchOutput() {
    }

    public static void write(Path dir, Map<String, Object> facts, List<TextureCase> cases) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", COLUMNS));
        for (TextureCase c : cases) {
            lines.add(String.join(",", row(c)));
        }
        Files.write(dir.resolve("texture_bench.csv"), lines);
        JsonObject o = new JsonObject();
        facts.forEach((k, v) -> o.addProperty(k, String.valueOf(v)));
        o.add("summary", summary(cases));
        JsonArray rows = new JsonArray();
        for (TextureCase c : cases) {
            JsonObject r = new JsonObject();
            List<String> values = row(c);
            for (int i = 0; i < COLUMNS.size(); i++) {
                r.addProperty(COLUMNS.get(i), values.get(i));
            }
            rows.add(r);
        }
        o.add("cases", rows);
        Files.writeString(dir.resolve("texture_bench.json"), new GsonBuilder().setPrettyPrinting().create().toJson(o)
                + "\n");
        chart(dir.resolve("psnr_gain_vs_texture.png"), cases);
    }

    /**
     * The acceptance counts over all cases, and again over the cases within the estimator's stated dose range
     * (effective dose at most 50 %, {@link TextureCase#withinStatedDose()}).
     */
    public static JsonObject summary(List<TextureCase> cases) {
        JsonObject s = counts(cases);
        List<TextureCase> stated = cases.stream().filter(TextureCase::withinStatedDose).toList();
        s.add("at_effective_dose_50pct_or_less", counts(stated));
        return s;
    }

    private static JsonObject counts(List<TextureCase> cases) {
        int slices = cases.stream().mapToInt(TextureCase::slices).sum();
        int within = cases.stream().mapToInt(TextureCase::within15).sum();
        long worst25 = cases.stream().filter(c -> c.worstError() > 0.25).count();
        long gain15 = cases.stream().filter(c -> c.gain() >= 1.5).count();
        long beatsGauss = cases.stream().filter(c -> c.ddlm().psnrAbdomen() > c.gaussian().psnrAbdomen()).count();
        long matchesTv = cases.stream().filter(c -> c.ddlm().psnrAbdomen() >= c.tv().psnrAbdomen() - 0.1).count();
        int worse = cases.stream().mapToInt(TextureCase::worseSlices).sum();
        int flagged = cases.stream().mapToInt(TextureCase::flagged).sum();
        JsonObject s = new JsonObject();
        s.addProperty("cases", cases.size());
        s.addProperty("slices", slices);
        s.addProperty("estimate_within_15pct_slices", within);
        s.addProperty("total_noise_within_15pct_slices", cases.stream().mapToInt(c -> c.total().within15()).sum());
        s.addProperty("cases_with_a_slice_beyond_25pct", worst25);
        s.addProperty("cases_gain_at_least_1p5_db", gain15);
        s.addProperty("cases_beating_best_gaussian", beatsGauss);
        s.addProperty("cases_within_0p1_db_of_best_tv_or_better", matchesTv);
        s.addProperty("slices_below_input_psnr", worse);
        s.addProperty("slices_flagged", flagged);
        s.addProperty("slices_floor_capped", cases.stream().mapToInt(TextureCase::floorCapped).sum());
        return s;
    }

    public static void print(PrintWriter out, List<TextureCase> cases) {
        out.printf(Locale.ROOT, "%-38s %-18s %5s %5s %6s %6s %5s %5s %7s %7s %7s %7s %4s%n", "series", "texture",
                "dose", "effD", "trueHU", "estHU", "sharp", "c_t", "input", "ddlm", "gauss", "TV", "flag");
        for (TextureCase c : cases) {
            out.printf(Locale.ROOT, "%-38s %-18s %5.2f %5.2f %6.1f %6.1f %5.2f %5.2f %7.2f %7.2f %7.2f %7.2f %4d%n",
                    c.series(), c.texture(), c.dose(), c.effectiveDose(), c.trueSigma(), c.estimate(), c.sharpness(),
                    c.timeFactor(),
                    c.input().psnrAbdomen(), c.ddlm().psnrAbdomen(), c.gaussian().psnrAbdomen(), c.tv().psnrAbdomen(),
                    c.flagged());
        }
        out.println("summary: " + summary(cases));
        out.flush();
    }

    private static List<String> row(TextureCase c) {
        return List.of(c.series(), c.texture(), num(c.dose()), num(c.pixelMm()), Integer.toString(c.slices()),
                num(c.trueSigma()), num(c.estimate()), num(c.estimate() / c.trueSigma()), num(c.worstError()),
                Integer.toString(c.within15()), num(c.sharpness()), num(c.timeFactor()), num(c.input().psnrAbdomen()),
                num(c.ddlm().psnrAbdomen()), num(c.ddlm().ssimAbdomen()), num(c.gain()),
                Integer.toString(c.worseSlices()), Integer.toString(c.flagged()), Integer.toString(c.retried()),
                num(c.gaussian().psnrAbdomen()), c.gaussianLabel(), num(c.tv().psnrAbdomen()), c.tvLabel(),
                c.reference() == null ? "" : num(c.reference().psnrAbdomen()), num(c.input().ssimAbdomen()),
                num(c.gaussian().ssimAbdomen()), num(c.tv().ssimAbdomen()), num(c.total().normalDoseHu()),
                num(c.total().trueHu()), num(c.total().estimateHu()), Integer.toString(c.total().within15()),
                Integer.toString(c.floorCapped()), num(c.effectiveDose()));
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }

    /**
     * PSNR gain over the input per texture and dose (mean over series; own-texture cases per series): ddlm, best TV,
     * best Gaussian.
     */
    static void chart(Path file, List<TextureCase> cases) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        for (TextureCase c : cases) {
            // Own-texture cases differ by series (each its kernel): one bar group per series.
            String texture = TextureBench.OWN_TEXTURE.equals(c.texture()) ? c.series() + " own" : c.texture();
            String key = String.format(Locale.ROOT, "%s %d%%", texture, Math.round(100 * c.dose()));
            double[] s = sums.computeIfAbsent(key, k -> new double[4]);
            s[0] += c.gain();
            s[1] += c.tv().psnrAbdomen() - c.input().psnrAbdomen();
            s[2] += c.gaussian().psnrAbdomen() - c.input().psnrAbdomen();
            s[3]++;
        }
        sums.forEach((k, s) -> {
            data.addValue(s[0] / s[3], "ddlm (defaults)", k);
            data.addValue(s[1] / s[3], "TV (best)", k);
            data.addValue(s[2] / s[3], "Gaussian (best)", k);
        });
        CategoryAxis x = new CategoryAxis("reconstruction filter / geometry, dose (mean over series); "
                + "series' own texture, dose");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("PSNR gain over the input, dB (abdomen W400/L50)");
        BarRenderer r = new BarRenderer();
        r.setSeriesPaint(0, new Color(31, 119, 180));
        r.setSeriesPaint(1, new Color(255, 127, 14));
        r.setSeriesPaint(2, new Color(127, 127, 127));
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Texture x dose bench: PSNR gain by noise texture", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 650);
    }
}
