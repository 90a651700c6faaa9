package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;

/**
 * Sinusoidal features of the fractional schedule index u (Vaswani et al. 2017, as used by
 * Ho et al. 2020): for k = 0 … D/2−1, {@code f_k = 10000^(−k/(D/2))}, features
 * {@code [sin(u f_0) … sin(u f_{D/2−1}), cos(u f_0) … cos(u f_{D/2−1})]}. u is a float, so
 * fractional indices (algorithms.md §1) get distinct, smoothly varying features.
 */
public final class TimeEmbedding {

    static final double MAX_PERIOD = 10000.0;

    private TimeEmbedding() {}

    /**
     * @param u fractional indices, shape [B]
     * @param dim feature count D (even)
     * @return features, shape [B, D], same data type as u
     */
    public static NDArray sinusoidal(NDArray u, int dim) {
        if (dim < 2 || dim % 2 != 0) {
            throw new IllegalArgumentException("embedding dimension must be even and >= 2, got " + dim);
        }
        int half = dim / 2;
        float[] frequencies = new float[half];
        for (int k = 0; k < half; k++) {
            frequencies[k] = (float) Math.exp(-Math.log(MAX_PERIOD) * k / half);
        }
        NDArray f = u.getManager().create(frequencies).toDevice(u.getDevice(), false).toType(u.getDataType(), false);
        NDArray angles = u.reshape(-1, 1).mul(f.reshape(1, half));
        return angles.sin().concat(angles.cos(), 1);
    }
}
