package org.ddlm.validation.metrics;

/**
 * A 2-D NPS, fft-shifted: {@code values[row * nx + col]} is NPS(u, v) at u = (col - nx/2)/(nx dx) and
 * v = (row - ny/2)/(ny dy), in HU^2 mm^2.
 *
 * @param meanVariance mean over ROIs of the population variance of the detrended ROI, HU^2
 * @param roiCount     M
 */
public record Nps(int nx, int ny, double dx, double dy, double[] values, double meanVariance, int roiCount) {

    /** Frequency of a column, cycles/mm. */
    public double u(int col) {
        return (col - nx / 2) / (nx * dx);
    }

    /** Frequency of a row, cycles/mm. */
    public double v(int row) {
        return (row - ny / 2) / (ny * dy);
    }

    public double at(int col, int row) {
        return values[row * nx + col];
    }

    /** The integral sum NPS du dv; by Parseval it equals {@link #meanVariance}. */
    public double integral() {
        double sum = 0;
        for (double x : values) {
            sum += x;
        }
        return sum / (nx * dx) / (ny * dy);
    }

    /**
     * Radial average: f = sqrt(u^2 + v^2), bins of width df = 1/max(nx dx, ny dy) centred at j df,
     * j = 1 .. up to Nyquist 1/(2 max(dx, dy)); bin 0 (DC) is dropped. nNPS = NPS / integral, in mm^2.
     */
    public RadialNps radial() {
        double df = 1.0 / Math.max(nx * dx, ny * dy);
        double nyquist = 1.0 / (2 * Math.max(dx, dy));
        int bins = (int) Math.floor(nyquist / df + 1e-9);
        double[] sum = new double[bins + 1];
        int[] count = new int[bins + 1];
        for (int row = 0; row < ny; row++) {
            for (int col = 0; col < nx; col++) {
                double f = Math.hypot(u(col), v(row));
                int j = (int) Math.floor(f / df + 0.5);
                if (j >= 1 && j <= bins) {
                    sum[j] += at(col, row);
                    count[j]++;
                }
            }
        }
        double total = integral();
        double[] centre = new double[bins];
        double[] mean = new double[bins];
        double[] norm = new double[bins];
        int[] n = new int[bins];
        double peak = Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        double fw = 0;
        double w = 0;
        for (int j = 1; j <= bins; j++) {
            centre[j - 1] = j * df;
            n[j - 1] = count[j];
            mean[j - 1] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
            norm[j - 1] = mean[j - 1] / total;
            if (count[j] > 0) {
                if (mean[j - 1] > best) {
                    best = mean[j - 1];
                    peak = centre[j - 1];
                }
                fw += centre[j - 1] * mean[j - 1];
                w += mean[j - 1];
            }
        }
        return new RadialNps(centre, mean, n, norm, peak, fw / w);
    }
}
