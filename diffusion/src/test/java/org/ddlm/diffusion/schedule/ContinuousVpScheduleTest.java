package org.ddlm.diffusion.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The continuous VP test schedule of algorithms.md §1. */
class ContinuousVpScheduleTest {

    private final ContinuousVpSchedule s = ContinuousVpSchedule.standard();

    @Test
    void logAlphaIsMinusHalfTheIntegralOfBeta() {
        for (double t : new double[] {1e-3, 0.05, 0.3, 0.77, 1.0}) {
            // Composite Simpson rule; exact for the linear β up to round-off.
            int n = 200;
            double h = t / n;
            double sum = s.beta(0) + s.beta(t);
            for (int k = 1; k < n; k++) {
                sum += (k % 2 == 1 ? 4 : 2) * s.beta(k * h);
            }
            double integral = sum * h / 3.0;
            assertEquals(-0.5 * integral, s.logAlpha(t), 1e-12, "t = " + t);
        }
    }

    @Test
    void inverseRoundTrips() {
        for (double t = 1e-4; t <= 1.0; t *= 1.1) {
            assertEquals(t, s.time(s.lambda(t)), 1e-12, "t = " + t);
        }
        assertEquals(1.0, s.time(s.lambda(1.0)), 1e-12);
    }

    @Test
    void referenceValues() {
        assertEquals(-5.0250, s.lambda(1.0), 1e-4);
        assertEquals(-0.2104, s.lambda(0.3), 1e-4);
        assertEquals(3.1081, s.lambda(0.01), 1e-4);
        assertEquals(4.5577, s.lambda(1e-3), 1e-4);
        assertEquals(0.0057296, s.time(-Math.log(0.03)), 1e-7);
        assertEquals(0.057959, s.time(-Math.log(0.2)), 1e-6);
    }

    @Test
    void vpIdentities() {
        for (double t : new double[] {1e-3, 0.1, 0.5, 1.0}) {
            double lam = s.lambda(t);
            double a = s.alpha(t);
            double sg = s.sigma(t);
            assertEquals(1.0, a * a + sg * sg, 1e-15);
            assertEquals(Math.exp(s.logAlpha(t)), a, 1e-15);
            assertEquals(Math.exp(-lam), sg / a, 1e-12 * sg / a);
            // d log α/dλ = σ², d log σ/dλ = −α² (central differences in λ)
            double d = 1e-5;
            assertEquals(sg * sg, (Vp.logAlpha(lam + d) - Vp.logAlpha(lam - d)) / (2 * d), 1e-9);
            assertEquals(-a * a, (Vp.logSigma(lam + d) - Vp.logSigma(lam - d)) / (2 * d), 1e-9);
        }
    }
}
