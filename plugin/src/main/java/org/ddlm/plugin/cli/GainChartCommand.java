package org.ddlm.plugin.cli;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddlm.plugin.workflow.UserException;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gain-chart", description = "Bar chart of the PSNR gain per series from a pipeline's summary.csv "
        + "(pipelines/Snakefile): one bar per series with a reference, red where slices were flagged by the safety "
        + "check; failed series and series without a reference are named on the axis without a bar.")
final class GainChartCommand implements Callable<Integer> {
    static final String OK = "gain (dB)";
    static final String FLAGGED = "gain, series with flagged slices (dB)";

    @Parameters(paramLabel = "SUMMARY_CSV", description = "summary.csv with the columns series, status, "
            + "flagged_slices and the --column")
    Path csv;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "chart file (written atomically)")
    Path png;

    @Option(names = "--column", paramLabel = "NAME", description = "the gain column (default ${DEFAULT-VALUE})")
    String column = "psnr_gain_abdomen_db";

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(csv)) {
            throw new UserException(csv + " is not a file");
        }
        DefaultCategoryDataset data = dataset(CsvTable.parse(Files.readString(csv)), column);
        // Stacked, so that the one non-empty bar of each series sits in the middle of its row.
        JFreeChart chart = ChartFactory.createStackedBarChart("PSNR gain of the denoised series over the low-dose "
                + "input", "series", column + " (dB)", data, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setSeriesPaint(0, new Color(31, 119, 180));
        bars.setSeriesPaint(1, new Color(214, 39, 40));
        bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        bars.setShadowVisible(false);
        int height = Math.max(300, 120 + 28 * data.getColumnCount());
        org.ddlm.core.AtomicFile.write(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1200,
                height));
        return 0;
    }

    /**
     * One category per row, labelled by its series column (with "(failed)", "(no reference)" or "(N flagged)");
     * the gain goes into the OK or the FLAGGED bar series, failed rows and rows without a gain get no bar.
     */
    static DefaultCategoryDataset dataset(CsvTable table, String column) throws UserException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(null, OK, "");
        data.addValue(null, FLAGGED, "");
        data.removeColumn("");
        for (int i = 0; i < table.size(); i++) {
            String name = table.get(i, "series");
            String status = table.get(i, "status");
            String gain = table.get(i, column);
            int flagged = (int) number(table, i, "flagged_slices", 0);
            if (!"ok".equals(status)) {
                data.addValue(null, OK, name + " (" + status + ")");
            } else if (gain.isEmpty()) {
                data.addValue(null, OK, name + " (no reference)");
            } else {
                double v = number(table, i, column, Double.NaN);
                String label = flagged > 0 ? String.format(Locale.ROOT, "%s (%d flagged)", name, flagged) : name;
                data.addValue(flagged > 0 ? null : v, OK, label);
                data.addValue(flagged > 0 ? v : null, FLAGGED, label);
            }
        }
        return data;
    }

    private static double number(CsvTable table, int row, String column, double empty) throws UserException {
        String text = table.get(row, column);
        try {
            return text.isEmpty() ? empty : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserException("row " + (row + 1) + " of the CSV file has '" + text + "' in " + column
                    + ", not a number");
        }
    }
}
