package org.ddlm.plugin.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.diffusion.train.ValidationPoint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** loss_curve.png: training loss (moving average) and validation loss against step, log scale. */
public final class LossCurve {
    private LossCurve() {
    }

    public static void write(Path file, double[] losses, List<ValidationPoint> validation) throws IOException {
        XYSeries train = new XYSeries("training loss (mean of 50 steps)");
        int window = 50;
        double sum = 0;
        for (int i = 0; i < losses.length; i++) {
            sum += losses[i];
            if (i >= window) {
                sum -= losses[i - window];
            }
            if (i >= window - 1 || i == losses.length - 1) {
                train.add(i + 1, sum / Math.min(i + 1, window));
            }
        }
        XYSeries val = new XYSeries("validation loss");
        for (ValidationPoint p : validation) {
            val.add(p.step(), p.loss());
        }
        XYSeriesCollection data = new XYSeriesCollection(train);
        if (!validation.isEmpty()) {
            data.addSeries(val);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Training of the diffusion prior", "step", "loss (eps MSE)",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis("loss (log scale)");
        y.setSmallestValue(1e-6);
        plot.setRangeAxis(y);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 600);
    }
}
