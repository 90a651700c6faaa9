package org.ddlm.plugin.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * psnr_vs_nfe.png: abdomen-window PSNR against network evaluations per slice (log axis), one line per
 * sampler/conditioning family, one panel per sample; the low-dose input and the two baselines are horizontal lines,
 * the default settings an extra marked point.
 */
public final class PsnrNfeChart {
    public static final int WIDTH = 1100;
    public static final int PANEL_HEIGHT = 480;
    /** Dark, distinguishable line colours (JFreeChart's defaults include a pale yellow). */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private PsnrNfeChart() {
    }

    public static void write(Path file, List<BenchResult> results) throws IOException {
        LogAxis nfe = new LogAxis("network evaluations per slice (forwards + VJPs, log scale)");
        nfe.setBase(10);
        nfe.setSmallestValue(1);
        nfe.setNumberFormatOverride(new DecimalFormat("0"));
        // At least 1 to 300 evaluations, so the ticks span decades even for a single point.
        double most = results.stream().mapToDouble(BenchResult::nfe).max().orElse(1);
        nfe.setRange(1, Math.max(300, 1.5 * most));
        nfe.setTickUnit(new NumberTickUnit(0.5)); // in log10 space: ticks at 1, 3, 10, 32, 100, ...
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(nfe);
        Map<String, List<BenchResult>> bySample = new LinkedHashMap<>();
        for (BenchResult r : results) {
            bySample.computeIfAbsent(r.sample(), k -> new java.util.ArrayList<>()).add(r);
        }
        XYPlot first = null;
        for (Map.Entry<String, List<BenchResult>> e : bySample.entrySet()) {
            XYPlot panel = panel(e.getKey(), e.getValue());
            first = first == null ? panel : first;
            plot.add(panel, 1);
        }
        if (first != null) {
            // Every panel draws its families in grid order with the same colours and shapes: one legend suffices.
            plot.setFixedLegendItems(first.getLegendItems());
        }
        JFreeChart chart = new JFreeChart("DDLM: PSNR (abdomen W400/L50) against network evaluations",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, PANEL_HEIGHT * Math.max(1, bySample.size()));
    }

    private static XYPlot panel(String sample, List<BenchResult> rows) {
        Map<String, XYSeries> families = new LinkedHashMap<>();
        XYSeries defaults = new XYSeries("default settings", true, true);
        for (BenchResult r : rows) {
            if (!r.method().equals("ddlm")) {
                continue;
            }
            families.computeIfAbsent(r.family(), k -> new XYSeries(k, true, true)).add(r.nfe(),
                    r.score().psnrAbdomen());
            if (r.role().equals("default")) {
                defaults.add(r.nfe(), r.score().psnrAbdomen());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        families.values().forEach(data::addSeries);
        data.addSeries(defaults);
        NumberAxis psnr = new NumberAxis(sample + ": PSNR dB");
        psnr.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int last = data.getSeriesCount() - 1;
        java.awt.Shape[] shapes = DefaultDrawingSupplier.createStandardSeriesShapes();
        for (int i = 0; i < last; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesShape(i, shapes[i % shapes.length]);
        }
        renderer.setSeriesLinesVisible(last, false);
        renderer.setSeriesPaint(last, Color.BLACK);
        renderer.setSeriesShape(last, new java.awt.geom.Ellipse2D.Double(-7, -7, 14, 14));
        renderer.setSeriesShapesFilled(last, false);
        XYPlot p = new XYPlot(data, null, psnr, renderer);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (BenchResult r : rows) {
            lo = Math.min(lo, r.score().psnrAbdomen());
            hi = Math.max(hi, r.score().psnrAbdomen());
            if (!r.method().equals("ddlm")) {
                p.addRangeMarker(marker(r));
            }
        }
        // Markers do not widen the auto range: fix it to include the horizontal lines too.
        psnr.setRange(lo - 0.5, hi + 0.5);
        return p;
    }

    private static ValueMarker marker(BenchResult r) {
        ValueMarker m = new ValueMarker(r.score().psnrAbdomen());
        Color c = switch (r.method()) {
            case "input" -> Color.RED;
            case "gaussian" -> new Color(0, 120, 0);
            default -> Color.BLUE;
        };
        m.setPaint(c);
        m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f},
                0f));
        String label = r.method().equals("input") ? "low-dose input" : r.method() + " (" + r.parameter() + ")";
        m.setLabel(String.format(Locale.ROOT, "%s %.2f dB", label, r.score().psnrAbdomen()));
        m.setLabelPaint(c);
        m.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }
}
