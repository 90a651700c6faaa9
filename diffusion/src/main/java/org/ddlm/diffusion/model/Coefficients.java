package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Per-batch-element scalars as arrays that broadcast against a batch: values are computed in
 * float64 on the host and cast once to the target's data type on the target's device
 * (algorithms.md §8: coefficients in double, never scalar × float32 array arithmetic).
 */
public final class Coefficients {

    private Coefficients() {
    }

    /** Shape [B, 1, …, 1] matching {@code like}'s rank, in like's manager, dtype and device. */
    public static NDArray column(double[] values, NDArray like) {
        long batch = like.getShape().get(0);
        if (values.length != batch) {
            throw new IllegalArgumentException(values.length + " coefficients for a batch of " + batch);
        }
        long[] dims = new long[like.getShape().dimension()];
        java.util.Arrays.fill(dims, 1L);
        dims[0] = batch;
        NDArray col = like.getManager().create(values, new Shape(dims));
        if (!col.getDevice().equals(like.getDevice())) {
            col = col.toDevice(like.getDevice(), false);
        }
        return col.getDataType() == like.getDataType() ? col : col.toType(like.getDataType(), false);
    }

    /** c1·a1 + c2·a2 with per-element coefficients. */
    public static NDArray combine(double[] c1, NDArray a1, double[] c2, NDArray a2) {
        return column(c1, a1).mul(a1).add(column(c2, a1).mul(a2));
    }

    /** c1·a1 + c2·a2 + c3·a3 with per-element coefficients. */
    public static NDArray combine(double[] c1, NDArray a1, double[] c2, NDArray a2, double[] c3, NDArray a3) {
        return combine(c1, a1, c2, a2).add(column(c3, a1).mul(a3));
    }

    /** c·a with per-element coefficients. */
    public static NDArray scale(double[] c, NDArray a) {
        return column(c, a).mul(a);
    }
}
