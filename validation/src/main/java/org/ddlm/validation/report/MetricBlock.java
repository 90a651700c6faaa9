package org.ddlm.validation.report;

import java.util.List;
import org.ddlm.validation.metrics.PairMeasure;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.SummaryStats;

/**
 * Series statistics of one comparison (test or input vs reference) in one window (metrics.md section 9).
 * Slices with identical images (infinite PSNR) are left out of the PSNR statistics and counted; slices with an
 * empty body mask are left out of everything and counted.
 *
 * @param psnrPooled        PSNR of the mean clipped MSE over slices
 * @param rmseSeries        sqrt(mean of slice MSEs), unclipped: the series RMSE
 * @param rmseClippedSeries sqrt(mean of slice clipped MSEs)
 */
public record MetricBlock(SummaryStats psnr, SummaryStats ssim, SummaryStats rmse, SummaryStats rmseClipped,
                          SummaryStats mae, double psnrPooled, double rmseSeries, double rmseClippedSeries,
                          int nIdentical, int nExcluded) {

    static MetricBlock of(List<PairMetrics> slices, double dataRange) {
        int n = slices.size();
        double[] psnr = new double[n];
        double[] ssim = new double[n];
        double[] rmse = new double[n];
        double[] rmseC = new double[n];
        double[] mae = new double[n];
        double mse = 0;
        double mseC = 0;
        int used = 0;
        int identical = 0;
        int excluded = 0;
        for (int i = 0; i < n; i++) {
            PairMetrics m = slices.get(i);
            psnr[i] = m.psnrDb(); // +Infinity and NaN are dropped by SummaryStats
            ssim[i] = m.ssim();
            rmse[i] = m.rmse();
            rmseC[i] = m.rmseClipped();
            mae[i] = m.mae();
            if (m.empty()) {
                excluded++;
                continue;
            }
            if (m.identical()) {
                identical++;
            }
            mse += m.rmse() * m.rmse();
            mseC += m.mseClipped();
            used++;
        }
        double pooled = used == 0 ? Double.NaN : PairMeasure.psnr(mseC / used, dataRange);
        return new MetricBlock(SummaryStats.of(psnr), SummaryStats.of(ssim), SummaryStats.of(rmse),
                SummaryStats.of(rmseC), SummaryStats.of(mae), pooled,
                used == 0 ? Double.NaN : Math.sqrt(mse / used), used == 0 ? Double.NaN : Math.sqrt(mseC / used),
                identical, excluded);
    }
}
