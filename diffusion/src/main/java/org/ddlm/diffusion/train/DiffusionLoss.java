package org.ddlm.diffusion.train;

import ai.djl.ndarray.NDArray;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Prediction;

/**
 * The per-pixel mean squared error of §5.1 and the regression target each parameterisation is
 * trained on: ε, x0, or v = α·ε − σ·x0 (algorithms.md §5.1). With ε-prediction this is the
 * unweighted "simple" loss of Ho et al. 2020, i.e. the x0 loss weighted by SNR = e^(2λ).
 */
public final class DiffusionLoss {

    private DiffusionLoss() {
    }

    /** The target of a network of the given type, from a consistent (x0, ε) target pair. */
    public static NDArray target(Prediction type, NDArray x0, NDArray eps, double[] alpha, double[] sigma) {
        return switch (type) {
            case EPS -> eps;
            case X0 -> x0;
            case V -> {
                double[] negSigma = new double[sigma.length];
                for (int b = 0; b < negSigma.length; b++) {
                    negSigma[b] = -sigma[b];
                }
                yield Coefficients.combine(alpha, eps, negSigma, x0);
            }
        };
    }

    /** Mean over all elements of (prediction − target)². */
    public static NDArray meanSquaredError(NDArray prediction, NDArray target) {
        return prediction.sub(target).square().mean();
    }
}
