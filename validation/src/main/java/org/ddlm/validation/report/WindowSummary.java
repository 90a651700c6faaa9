package org.ddlm.validation.report;

import java.util.ArrayList;
import java.util.List;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;

/**
 * The series summary of one window: test, input (or null) and the paired deltas test - input.
 *
 * @param deltaPsnr        mean over slices of (test PSNR - input PSNR), slices with a non-finite value left out
 * @param deltaSsim        mean of (test SSIM - input SSIM)
 * @param deltaRmse        mean of (test RMSE - input RMSE), unclipped HU
 * @param deltaRmseClipped mean of (test clipped RMSE - input clipped RMSE)
 */
public record WindowSummary(Window window, MetricBlock test, MetricBlock input, double deltaPsnr,
                            double deltaSsim, double deltaRmse, double deltaRmseClipped) {

    static WindowSummary of(List<SliceEvaluation> slices, int windowIndex, Window window) {
        List<PairMetrics> test = new ArrayList<>();
        List<PairMetrics> input = new ArrayList<>();
        for (SliceEvaluation s : slices) {
            test.add(s.row(windowIndex).test());
            if (s.row(windowIndex).input() != null) {
                input.add(s.row(windowIndex).input());
            }
        }
        MetricBlock t = MetricBlock.of(test, window.width());
        if (input.isEmpty()) {
            return new WindowSummary(window, t, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        MetricBlock in = MetricBlock.of(input, window.width());
        return new WindowSummary(window, t, in, meanDelta(test, input, PairMetrics::psnrDb),
                meanDelta(test, input, PairMetrics::ssim), meanDelta(test, input, PairMetrics::rmse),
                meanDelta(test, input, PairMetrics::rmseClipped));
    }

    private static double meanDelta(List<PairMetrics> a, List<PairMetrics> b,
                                    java.util.function.ToDoubleFunction<PairMetrics> f) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = f.applyAsDouble(a.get(i)) - f.applyAsDouble(b.get(i));
            if (Double.isFinite(d)) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
