package org.ddlm.validation.metrics;

/**
 * Mean and sample standard deviation (N-1) of unclipped HU inside a ROI, padding excluded (metrics.md section 7).
 *
 * @param mean HU
 * @param sd   sample SD in HU; NaN for fewer than two pixels
 * @param n    pixels used
 */
public record RoiStatistics(double mean, double sd, long n) {

    public static RoiStatistics of(HuImage image, Roi roi, boolean[] padding) throws MetricException {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (roi.contains(x, y) && (padding == null || !padding[y * image.width() + x])) {
                    sum += image.at(x, y);
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new MetricException("ROI " + roi.describe() + " holds no image pixels (outside the "
                    + image.width() + "x" + image.height() + " image, or all padding)");
        }
        double mean = sum / n;
        double ss = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (roi.contains(x, y) && (padding == null || !padding[y * image.width() + x])) {
                    double d = image.at(x, y) - mean;
                    ss += d * d;
                }
            }
        }
        return new RoiStatistics(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
    }
}
