package org.ddlm.validation.simulate;

/**
 * Mean and sample standard deviation (N - 1) of HU in a circle centred on the image centre, excluding padding.
 */
public record RoiStatistics(double mean, double sd, int pixels) {

    public static RoiStatistics centredCircle(SpacedSlice slice, double radiusMm) {
        return centredCircle(slice.image().hu(), slice, radiusMm);
    }

    /** Same ROI, on other values (e.g. a difference image) over the grid and padding of {@code slice}. */
    public static RoiStatistics centredCircle(float[] values, SpacedSlice slice, double radiusMm) {
        ImageGrid grid = slice.grid();
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        double shift = Double.NaN; // shifted sums keep the variance accurate for large means
        for (int r = 0; r < grid.height(); r++) {
            double y = grid.y(r);
            for (int c = 0; c < grid.width(); c++) {
                double x = grid.x(c);
                int i = r * grid.width() + c;
                if (x * x + y * y <= radiusMm * radiusMm && !slice.image().isPadding(i)) {
                    if (Double.isNaN(shift)) {
                        shift = values[i];
                    }
                    double v = values[i] - shift;
                    sum += v;
                    sum2 += v * v;
                    n++;
                }
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("ROI of radius " + radiusMm + " mm holds " + n
                    + " usable pixel(s); need at least 2");
        }
        double var = (sum2 - sum * sum / n) / (n - 1);
        return new RoiStatistics(shift + sum / n, Math.sqrt(Math.max(0, var)), n);
    }
}
