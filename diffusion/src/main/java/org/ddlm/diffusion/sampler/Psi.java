package org.ddlm.diffusion.sampler;

/**
 * ψ_k(h) = ∫₀ʰ e^(τ−h) τ^(k−1) dτ for k = 1, 2, 3: the weights of exponential integrators in λ
 * (algorithms.md §3.5). Small h uses the Taylor series, where the closed forms cancel.
 */
public final class Psi {

    /** Below this the closed forms lose digits to cancellation (≈ ε/h); the series converges fast. */
    private static final double SERIES_BELOW = 1.0;

    private Psi() {
    }

    /** 1 − e^(−h). */
    public static double psi1(double h) {
        return -Math.expm1(-h);
    }

    /** h − 1 + e^(−h). */
    public static double psi2(double h) {
        if (h < SERIES_BELOW) {
            return series(h, 2, 1.0);
        }
        return h + Math.expm1(-h);
    }

    /** h² − 2h + 2 − 2e^(−h). */
    public static double psi3(double h) {
        if (h < SERIES_BELOW) {
            return series(h, 3, 2.0);
        }
        return h * h - 2.0 * (h + Math.expm1(-h));
    }

    /** factor · Σ_{k ≥ first} (−1)^(k−first) h^k/k!, the tail of factor·e^(−h) with alternating sign. */
    private static double series(double h, int first, double factor) {
        double term = 1.0;
        for (int k = 1; k <= first; k++) {
            term *= h / k;
        }
        double sum = 0.0;
        for (int k = first; k < first + 22; k++) {
            sum += term;
            term *= -h / (k + 1);
        }
        return factor * sum;
    }
}
