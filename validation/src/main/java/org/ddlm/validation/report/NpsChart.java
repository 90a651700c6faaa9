package org.ddlm.validation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.ddlm.validation.metrics.Nps;
import org.ddlm.validation.metrics.RadialNps;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** nps.png: the radial NPS of (test - reference) and (input - reference) against spatial frequency. */
final class NpsChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 700;

    private NpsChart() {
    }

    /** @param input null without an input series */
    static byte[] render(Nps test, Nps input) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("test - reference", test.radial()));
        if (input != null) {
            data.addSeries(series("input - reference", input.radial()));
        }
        NumberAxis f = new NumberAxis("spatial frequency (cycles/mm)");
        NumberAxis p = new NumberAxis("NPS (HU² mm²)");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        r.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28));
        r.setSeriesStroke(0, new BasicStroke(2.5f));
        r.setSeriesStroke(1, new BasicStroke(2.5f));
        XYPlot plot = new XYPlot(data, f, p, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Noise power spectrum of the difference from the reference",
                new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, true);
        String sub = String.format(java.util.Locale.ROOT, "%dx%d-pixel tiles inside the body, mean removed; test: %d "
                + "tiles, noise %.1f HU, mean frequency %.3f /mm", ResidualNps.TILE, ResidualNps.TILE, test.roiCount(),
                Math.sqrt(test.integral()), test.radial().fMean());
        if (input != null) {
            sub += String.format(java.util.Locale.ROOT, "; input: noise %.1f HU, mean frequency %.3f /mm",
                    Math.sqrt(input.integral()), input.radial().fMean());
        }
        chart.addSubtitle(new TextTitle(sub, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        return out.toByteArray();
    }

    private static XYSeries series(String name, RadialNps r) {
        XYSeries s = new XYSeries(name);
        for (int i = 0; i < r.frequency().length; i++) {
            if (!Double.isNaN(r.nps()[i])) {
                s.add(r.frequency()[i], r.nps()[i]);
            }
        }
        return s;
    }
}
