package org.ddlm.diffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.ddlm.diffusion.model.Coefficients;

/**
 * Stable Target Field targets (Xu et al. 2023; algorithms.md §5.2), in float64.
 *
 * <p>For sample b with clean x0_b, noise ε_b and x_t = α_b·x0_b + σ_b·ε_b, the weights over the
 * reference batch are w_bj = softmax_j(−‖x_t − α_b·x0_j‖²/(2σ_b²)) and the targets are
 * x0_STF = Σ_j w_bj·x0_j and ε_STF = (x_t − α·x0_STF)/σ, computed as ε + (α/σ)(x0_b − x0_STF) so
 * that a weight of exactly one on the own sample gives exactly the plain denoising target.
 * The squared distances use one B×R matrix product, ‖x_t‖² − 2α·x_t·x0_j + α²‖x0_j‖², in float64
 * because in float32 that expansion cancels catastrophically at small σ.
 */
public final class StableTargetField {

    private StableTargetField() {
    }

    /** The clean-image and noise targets, float64, shape [B, D]; weights [B, R]. */
    public record Targets(NDArray x0, NDArray eps, NDArray weights) {
    }

    /**
     * @param x0Own clean images of the samples, [B, D], float64; each row must also be a row of refs
     * @param eps   the noise drawn for each sample, [B, D], float64
     * @param refs  the reference batch, [R, D], float64
     * @param alpha α per sample
     * @param sigma σ per sample
     */
    public static Targets targets(NDArray x0Own, NDArray eps, NDArray refs, double[] alpha, double[] sigma) {
        requireFloat64(x0Own, eps, refs);
        NDArray xt = Coefficients.combine(alpha, x0Own, sigma, eps);
        NDArray distances = squaredDistances(xt, refs, alpha);
        double[] scale = new double[sigma.length];
        for (int b = 0; b < scale.length; b++) {
            scale[b] = -0.5 / (sigma[b] * sigma[b]);
        }
        NDArray logits = Coefficients.scale(scale, distances);
        NDArray shifted = logits.sub(logits.max(new int[] {1}, true)).exp();
        NDArray weights = shifted.div(shifted.sum(new int[] {1}, true));
        NDArray x0 = weights.matMul(refs);
        double[] ratio = new double[alpha.length];
        for (int b = 0; b < ratio.length; b++) {
            ratio[b] = alpha[b] / sigma[b];
        }
        NDArray epsTarget = eps.add(Coefficients.scale(ratio, x0Own.sub(x0)));
        return new Targets(x0, epsTarget, weights);
    }

    /** ‖x_t,b − α_b·x0_j‖² for all pairs, [B, R], by one matrix product. */
    public static NDArray squaredDistances(NDArray xt, NDArray refs, double[] alpha) {
        requireFloat64(xt, refs);
        long batch = xt.getShape().get(0);
        long references = refs.getShape().get(0);
        NDArray xtNorms = xt.square().sum(new int[] {1}, true);
        NDArray refNorms = refs.square().sum(new int[] {1}).reshape(1, references);
        NDArray cross = xt.matMul(refs.transpose());
        double[] minusTwoAlpha = new double[alpha.length];
        double[] alphaSquared = new double[alpha.length];
        for (int b = 0; b < alpha.length; b++) {
            minusTwoAlpha[b] = -2.0 * alpha[b];
            alphaSquared[b] = alpha[b] * alpha[b];
        }
        NDArray out = xtNorms.add(Coefficients.scale(minusTwoAlpha, cross))
                .add(Coefficients.column(alphaSquared, cross).mul(refNorms));
        if (out.getShape().get(0) != batch) {
            throw new IllegalStateException("distance matrix has shape " + out.getShape());
        }
        return out;
    }

    private static void requireFloat64(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a.getDataType() != DataType.FLOAT64 || a.getShape().dimension() != 2) {
                throw new IllegalArgumentException("STF works on float64 [N, D] arrays, got "
                        + a.getDataType() + " " + a.getShape());
            }
        }
    }
}
