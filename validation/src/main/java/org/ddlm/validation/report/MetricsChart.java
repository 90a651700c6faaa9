package org.ddlm.validation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** psnr_ssim_per_slice.png: PSNR above, SSIM below, sharing x = z (mm), drawn with JFreeChart. */
final class MetricsChart {

    static final int WIDTH = 1200;
    static final int HEIGHT = 900;

    private static final Color TEST = new Color(0x1f, 0x77, 0xb4);
    private static final Color INPUT = new Color(0xd6, 0x27, 0x28);

    private MetricsChart() {
    }

    static byte[] render(List<SliceEvaluation> slices, WindowSummary summary, int windowIndex) throws IOException {
        boolean hasInput = summary.input() != null;
        NumberAxis z = new NumberAxis("z (mm)");
        z.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(z);
        plot.setGap(12);
        XYPlot psnr = subplot("PSNR (dB)", slices, windowIndex, hasInput, PairMetrics::psnrDb);
        plot.add(psnr, 1);
        plot.add(subplot("SSIM", slices, windowIndex, hasInput, PairMetrics::ssim), 1);
        // Both subplots carry the same two series: show them once.
        plot.setFixedLegendItems(psnr.getLegendItems());

        Window w = summary.window();
        JFreeChart chart = new JFreeChart("PSNR and SSIM per slice, " + w.name() + " window " + w.label() + " ("
                + fmt(w.lo(), 0) + " to " + fmt(w.hi(), 0) + " HU)", new Font(Font.SANS_SERIF, Font.BOLD, 20),
                plot, true);
        String means = "mean PSNR: test " + fmt(summary.test().psnr().mean(), 2) + " dB"
                + (hasInput ? ", input " + fmt(summary.input().psnr().mean(), 2) + " dB" : "")
                + ";  mean SSIM: test " + fmt(summary.test().ssim().mean(), 4)
                + (hasInput ? ", input " + fmt(summary.input().ssim().mean(), 4) : "")
                + ";  " + slices.size() + " slices"
                + (summary.test().nIdentical() > 0 ? ", " + summary.test().nIdentical()
                        + " identical (PSNR infinite, not plotted)" : "");
        chart.addSubtitle(new TextTitle(means, new Font(Font.SANS_SERIF, Font.PLAIN, 15)));
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        return out.toByteArray();
    }

    private static XYPlot subplot(String label, List<SliceEvaluation> slices, int windowIndex, boolean hasInput,
                                  ToDoubleFunction<PairMetrics> metric) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries test = new XYSeries("test vs reference", true, true);
        XYSeries input = new XYSeries("input vs reference", true, true);
        for (SliceEvaluation s : slices) {
            WindowRow r = s.row(windowIndex);
            add(test, s.zMm(), metric.applyAsDouble(r.test()));
            if (hasInput) {
                add(input, s.zMm(), metric.applyAsDouble(r.input()));
            }
        }
        data.addSeries(test);
        if (hasInput) {
            data.addSeries(input);
        }
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TEST);
        renderer.setSeriesPaint(1, INPUT);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        // Fixed shapes, so that the SSIM plot uses the markers of the (shared) legend.
        renderer.setSeriesShape(0, new Rectangle2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot p = new XYPlot(data, null, y, renderer);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    /** Non-finite values (identical images, empty masks) leave a gap rather than a point. */
    private static void add(XYSeries s, double x, double y) {
        s.add(x, Double.isFinite(y) ? (Number) y : null);
    }

    static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }
}
