package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;

/**
 * The observation of the data term L(x) = Σ_p (y_p − x̂0_p(x))²/(2σ_n²): y in model units, shaped
 * like the sampler state [B, …], and the excess noise σ_n per batch element (model units).
 */
public record DataTerm(NDArray y, double[] sigmaN) {

    public DataTerm {
        if (y.getShape().get(0) != sigmaN.length) {
            throw new IllegalArgumentException(sigmaN.length + " noise levels for a batch of " + y.getShape().get(0));
        }
        for (double s : sigmaN) {
            if (!(s > 0.0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("conditioning needs a finite noise level > 0, got " + s);
            }
        }
        sigmaN = sigmaN.clone();
    }

    /** 1/σ_n² per element. */
    public double[] inverseVariance() {
        double[] out = new double[sigmaN.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = 1.0 / (sigmaN[b] * sigmaN[b]);
        }
        return out;
    }
}
