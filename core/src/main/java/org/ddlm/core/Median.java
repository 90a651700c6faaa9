package org.ddlm.core;

import java.util.Arrays;

/** The one median every module uses: the middle value, or the mean of the two middle values for an even count. */
public final class Median {

    private Median() {
    }

    /** Median of {@code values}, which are left as they are. */
    public static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted);
    }

    /** Median of values already sorted in ascending order (no copy, no check). */
    public static double ofSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
