package org.ddlm.diffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler.ThirdOrderCoefficient;
import org.junit.jupiter.api.Test;

/** The 3M coefficient check of algorithms.md §3.8 and the ψ functions. */
class ThirdOrderWeightsTest {

    /** ∫₀ʰ e^(τ−h) τ^k dτ from the power series of e^τ, independent of the ψ closed forms. */
    private static double integralOfPower(double h, int k) {
        double sum = 0.0;
        double factorial = 1.0;
        for (int j = 0; j < 60; j++) {
            if (j > 0) {
                factorial *= j;
            }
            sum += Math.pow(h, j + k + 1) / ((j + k + 1) * factorial);
        }
        return Math.exp(-h) * sum;
    }

    @Test
    void psiFunctionsAreTheExponentialMoments() {
        for (double h : new double[] {1e-6, 1e-4, 0.01, 0.05, 0.3, 0.999999, 1.0, 1.5, 2.5}) {
            assertEquals(integralOfPower(h, 0), Psi.psi1(h), 1e-15 * Math.max(1, h));
            assertEquals(1.0, Psi.psi2(h) / integralOfPower(h, 1), 1e-13, "psi2 at " + h);
            assertEquals(1.0, Psi.psi3(h) / integralOfPower(h, 2), 1e-12, "psi3 at " + h);
        }
    }

    @Test
    void exactWeightsIntegrateAnyQuadraticAndReferenceWeightsOnlyLines() {
        SplittableRandom r = new SplittableRandom(3);
        double worstExact = 0.0;
        double worstReferenceOnLines = 0.0;
        double smallestReferenceMiss = Double.MAX_VALUE;
        for (int trial = 0; trial < 200; trial++) {
            double h = 0.01 + 0.5 * r.nextDouble();
            double h0 = 0.01 + 0.5 * r.nextDouble();
            double h1 = 0.01 + 0.5 * r.nextDouble();
            double c0 = r.nextDouble() - 0.5;
            double c1 = r.nextDouble() - 0.5;
            double c2 = 0.5 + r.nextDouble();
            // x0(λ_i + τ) = c0 + c1 τ + c2 τ², sampled at τ = 0, −h0, −h0−h1
            double[] m = {poly(c0, c1, c2, 0), poly(c0, c1, c2, -h0), poly(c0, c1, c2, -h0 - h1)};
            double exact = c0 * integralOfPower(h, 0) + c1 * integralOfPower(h, 1) + c2 * integralOfPower(h, 2);
            double[] w = DpmSolver3MSampler.weights(h, h0, h1, ThirdOrderCoefficient.EXACT);
            worstExact = Math.max(worstExact, Math.abs(w[0] * m[0] + w[1] * m[1] + w[2] * m[2] - exact));
            double[] ref = DpmSolver3MSampler.weights(h, h0, h1, ThirdOrderCoefficient.REFERENCE);
            smallestReferenceMiss = Math.min(smallestReferenceMiss,
                    Math.abs(ref[0] * m[0] + ref[1] * m[1] + ref[2] * m[2] - exact));
            double[] line = {poly(c0, c1, 0, 0), poly(c0, c1, 0, -h0), poly(c0, c1, 0, -h0 - h1)};
            double lineExact = c0 * integralOfPower(h, 0) + c1 * integralOfPower(h, 1);
            worstReferenceOnLines = Math.max(worstReferenceOnLines,
                    Math.abs(ref[0] * line[0] + ref[1] * line[1] + ref[2] * line[2] - lineExact));
        }
        assertTrue(worstExact < 1e-14, "exact weights miss a quadratic by " + worstExact);
        assertTrue(worstReferenceOnLines < 1e-14, "reference weights miss a line by " + worstReferenceOnLines);
        assertTrue(smallestReferenceMiss > 1e-7, "reference weights integrated a quadratic: " + smallestReferenceMiss);
    }

    private static double poly(double c0, double c1, double c2, double t) {
        return c0 + c1 * t + c2 * t * t;
    }
}
