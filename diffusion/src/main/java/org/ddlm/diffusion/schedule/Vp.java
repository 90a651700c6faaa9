package org.ddlm.diffusion.schedule;

/**
 * Closed-form VP relations in terms of the half log-SNR λ = log(α/σ), all in float64.
 * α² = sigmoid(2λ), σ² = sigmoid(−2λ); the log forms avoid cancellation at both ends.
 */
public final class Vp {

    private Vp() {
    }

    /** log(1 + e^z) without overflow or loss of precision. */
    public static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** log α = −½ log(1 + e^(−2λ)). */
    public static double logAlpha(double lambda) {
        return -0.5 * softplus(-2.0 * lambda);
    }

    /** log σ = −½ log(1 + e^(2λ)). */
    public static double logSigma(double lambda) {
        return -0.5 * softplus(2.0 * lambda);
    }

    public static double alpha(double lambda) {
        return Math.exp(logAlpha(lambda));
    }

    public static double sigma(double lambda) {
        return Math.exp(logSigma(lambda));
    }

    /** σ̄ = σ/α = e^(−λ), the Karras/EDM noise level. */
    public static double sigmaBar(double lambda) {
        return Math.exp(-lambda);
    }

    /** λ from ᾱ = α², using log1p so that ᾱ close to 1 keeps its precision. */
    public static double lambdaFromAlphaBar(double alphaBar) {
        return 0.5 * Math.log(alphaBar) - 0.5 * Math.log1p(-alphaBar);
    }
}
