package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseModelTest {

    /** First-order variance of p for counts Poisson(n0 e^-p) + Normal(0, s2): (n0 e^-p + s2) / (n0 e^-p)^2. */
    private static double lineIntegralVariance(double p, double n0, double s2) {
        double counts = n0 * Math.exp(-p);
        return (counts + s2) / (counts * counts);
    }

    @Test
    void addedVarianceIsLowDoseMinusFullDoseVariance() {
        double[] ps = {0, 0.5, 3.88, 7, 10};
        double[] doses = {0.05, 0.1, 0.25, 0.5, 0.9};
        double[] s2s = {0, 10, 1e4};
        for (double p : ps) {
            for (double a : doses) {
                for (double s2 : s2s) {
                    double expected = lineIntegralVariance(p, a * 2.5e5, s2) - lineIntegralVariance(p, 2.5e5, s2);
                    assertEquals(expected, NoiseModel.addedVariance(p, a, 2.5e5, s2), 1e-9 * expected,
                            "p=" + p + " a=" + a + " s2=" + s2);
                }
            }
        }
    }

    @Test
    void withoutElectronicNoiseTheVarianceScalesAsOneMinusAOverA() {
        double base = NoiseModel.addedVariance(2, 0.5, 1e5, 0);
        assertEquals(Math.exp(2) / 1e5, base, 1e-15);
        assertEquals(3 * base, NoiseModel.addedVariance(2, 0.25, 1e5, 0), 1e-15);
        assertEquals(9 * base, NoiseModel.addedVariance(2, 0.1, 1e5, 0), 1e-15);
        assertEquals(0, NoiseModel.addedVariance(2, 1, 1e5, 10), 0);
    }

    @Test
    void lowCountRaysAreThoseBelowTwentyExpectedPhotons() {
        // a N0 e^-p = 20 at p = ln(a N0 / 20).
        double edge = Math.log(0.25 * 2.5e5 / 20);
        assertTrue(NoiseModel.isLowCount(edge + 1e-9, 0.25, 2.5e5));
        assertFalse(NoiseModel.isLowCount(edge - 1e-9, 0.25, 2.5e5));
    }
}
