package org.ddlm.diffusion.oracle;

import org.ddlm.diffusion.schedule.Vp;

/**
 * Reference solution of the probability-flow ODE in λ, dx/dλ = α(λ)(x̂0*(x, λ) − α(λ)x), by
 * classical RK4 with uniform λ steps (algorithms.md §4.3). Pure float64, independent of the samplers.
 */
public final class ProbabilityFlowRk4 {

    private ProbabilityFlowRk4() {
    }

    public static double solve(PosteriorMean oracle, double x, double lambdaA, double lambdaB, int steps) {
        double h = (lambdaB - lambdaA) / steps;
        double y = x;
        for (int k = 0; k < steps; k++) {
            double lam = lambdaA + k * h;
            double k1 = derivative(oracle, y, lam);
            double k2 = derivative(oracle, y + 0.5 * h * k1, lam + 0.5 * h);
            double k3 = derivative(oracle, y + 0.5 * h * k2, lam + 0.5 * h);
            double k4 = derivative(oracle, y + h * k3, lam + h);
            y += h * (k1 + 2.0 * k2 + 2.0 * k3 + k4) / 6.0;
        }
        return y;
    }

    static double derivative(PosteriorMean oracle, double x, double lambda) {
        double a = Vp.alpha(lambda);
        return a * (oracle.x0(x, lambda) - a * x);
    }
}
