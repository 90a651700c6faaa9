package org.ddlm.diffusion.schedule;

/**
 * Grid point placements of algorithms.md §1 ("Time grids"). Each returns n schedule times from
 * {@code start} (noisiest) to {@code end}, both exact; the data point, if wanted, is added by
 * {@link TimeGrid}. For n = 1 the grid is just {start}.
 */
public final class Spacings {

    /** The EDM default ρ for Karras grids. */
    public static final double KARRAS_RHO = 7.0;

    private Spacings() {
    }

    /** Evenly spaced in the schedule's own time variable. */
    public static double[] uniform(double start, double end, int n) {
        requireRange(start, end, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i == n - 1 ? end : start + (end - start) * i / (n - 1);
        }
        out[0] = start;
        return out;
    }

    /** Evenly spaced in λ (logSNR-uniform). */
    public static double[] lambdaUniform(Schedule schedule, double start, double end, int n) {
        requireRange(start, end, n);
        double l0 = schedule.lambda(start);
        double l1 = schedule.lambda(end);
        double[] out = new double[n];
        out[0] = start;
        for (int i = 1; i < n; i++) {
            out[i] = i == n - 1 ? end : schedule.time(l0 + (l1 - l0) * i / (n - 1));
        }
        return out;
    }

    /** Karras et al. 2022: evenly spaced in σ̄^(1/ρ), mapped to VP through σ̄ = σ/α. */
    public static double[] karras(Schedule schedule, double start, double end, int n, double rho) {
        requireRange(start, end, n);
        double hi = Math.pow(schedule.sigmaBar(start), 1.0 / rho);
        double lo = Math.pow(schedule.sigmaBar(end), 1.0 / rho);
        double[] out = new double[n];
        out[0] = start;
        for (int i = 1; i < n; i++) {
            double sigmaBar = Math.pow(hi + (lo - hi) * i / (n - 1), rho);
            out[i] = i == n - 1 ? end : schedule.time(-Math.log(sigmaBar));
        }
        return out;
    }

    /** Integer "leading" spacing of common DDIM code: (n−1−i)·⌊T/n⌋ + offset. */
    public static double[] leading(int tableSize, int n, int offset) {
        if (n < 1 || n > tableSize || (offset != 0 && offset != 1)) {
            throw new IllegalArgumentException("leading spacing needs 1 <= n <= T and offset 0 or 1");
        }
        int stride = tableSize / n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (n - 1 - i) * stride + offset;
        }
        if (out[0] > tableSize - 1) {
            throw new IllegalArgumentException("offset 1 with n = T would leave the table");
        }
        return out;
    }

    /** Integer "trailing" spacing: round(T − i·T/n) − 1. */
    public static double[] trailing(int tableSize, int n) {
        if (n < 1 || n > tableSize) {
            throw new IllegalArgumentException("trailing spacing needs 1 <= n <= T");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.round(tableSize - i * (double) tableSize / n) - 1;
        }
        return out;
    }

    private static void requireRange(double start, double end, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a grid needs at least one point, got " + n);
        }
        if (n > 1 && !(start > end)) {
            throw new IllegalArgumentException("grid start " + start + " must be noisier than its end " + end);
        }
    }
}
