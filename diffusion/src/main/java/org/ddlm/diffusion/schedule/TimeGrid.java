package org.ddlm.diffusion.schedule;

import java.util.List;

/**
 * A sampling grid for a batch: P schedule times per batch element, strictly decreasing, optionally
 * followed by the data point. Elements may have different times (per-slice t*), but share P.
 * With the data point there are P steps (the last one goes to data); without it, P − 1.
 */
public final class TimeGrid {

    private final double[][] times;
    private final boolean toData;

    private TimeGrid(double[][] times, boolean toData) {
        if (times.length == 0) {
            throw new IllegalArgumentException("a grid needs at least one batch element");
        }
        int points = times[0].length;
        for (double[] row : times) {
            if (row.length != points) {
                throw new IllegalArgumentException("all batch elements need the same number of grid points");
            }
            for (int i = 1; i < row.length; i++) {
                if (!(row[i] < row[i - 1])) {
                    throw new IllegalArgumentException("grid times must decrease strictly, they do not at point " + i);
                }
            }
        }
        if (points < 1 || (!toData && points < 2)) {
            throw new IllegalArgumentException("a grid needs at least one step");
        }
        this.times = times;
        this.toData = toData;
    }

    /** One grid shared by all {@code batch} elements. */
    public static TimeGrid shared(double[] times, boolean toData, int batch) {
        double[][] rows = new double[batch][];
        for (int b = 0; b < batch; b++) {
            rows[b] = times.clone();
        }
        return new TimeGrid(rows, toData);
    }

    /** One grid per batch element (same length, same data flag). */
    public static TimeGrid perElement(List<double[]> rows, boolean toData) {
        double[][] copy = new double[rows.size()][];
        for (int b = 0; b < copy.length; b++) {
            copy[b] = rows.get(b).clone();
        }
        return new TimeGrid(copy, toData);
    }

    public int batchSize() {
        return times.length;
    }

    /** Number of schedule times per element (the data point not counted). */
    public int points() {
        return times[0].length;
    }

    /** Number of sampler steps. */
    public int steps() {
        return toData ? points() : points() - 1;
    }

    public boolean endsAtData() {
        return toData;
    }

    /** True if step i goes from grid point i to the data point. */
    public boolean isDataStep(int i) {
        return toData && i == points() - 1;
    }

    public double time(int element, int point) {
        return times[element][point];
    }

    /** The times of grid point i, one per batch element. */
    public double[] timesAt(int point) {
        double[] out = new double[times.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = times[b][point];
        }
        return out;
    }

    public double[] row(int element) {
        return times[element].clone();
    }
}
