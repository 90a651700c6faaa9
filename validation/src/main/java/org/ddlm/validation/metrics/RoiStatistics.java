package org.ddlm.validation.metrics;

import org.ddlm.core.HuImage;

/**
 * Mean and sample standard deviation (N-1) of unclipped HU inside a ROI, padding excluded (metrics.md section 7).
 *
 * @param mean HU
 * @param sd   sample SD in HU; NaN for fewer than two pixels
 * @param n    pixels used
 */
public record RoiStatistics(double mean, double sd, long n) {

    /** Over the image's own padding mask. */
    public static RoiStatistics of(HuImage image, Roi roi) throws MetricException {
        return of(image.toDoubles(), image.width(), image.height(), roi, image.padding());
    }

    /**
     * Over other values on a width x height grid (e.g. a difference image), computed in double.
     *
     * @param excluded true where a pixel must not count (padding), or null
     */
    public static RoiStatistics of(double[] values, int width, int height, Roi roi, boolean[] excluded)
            throws MetricException {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (roi.contains(x, y) && (excluded == null || !excluded[y * width + x])) {
                    sum += values[y * width + x];
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new MetricException("ROI " + roi.describe() + " holds no image pixels (outside the "
                    + width + "x" + height + " image, or all padding)");
        }
        double mean = sum / n;
        double ss = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (roi.contains(x, y) && (excluded == null || !excluded[y * width + x])) {
                    double d = values[y * width + x] - mean;
                    ss += d * d;
                }
            }
        }
        return new RoiStatistics(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
    }
}
