package org.ddlm.validation.metrics;

import java.util.Arrays;
import org.ddlm.core.Median;

/**
 * Mean, sample standard deviation (N-1), min, median and max of the finite values of a series; non-finite
 * values (infinite PSNR, NaN for an empty mask) are left out and counted by the caller.
 * With no finite value every field is NaN; with one, std is NaN.
 */
public record SummaryStats(double mean, double std, double min, double median, double max, int n) {

    public static SummaryStats of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return new SummaryStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double median = Median.ofSorted(v);
        return new SummaryStats(mean, std, v[0], median, v[n - 1], n);
    }
}
