package org.ddlm.diffusion.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values and identities of algorithms.md §1 for the discrete tables. */
class DiscreteScheduleTest {

    private static final int T = 1000;

    @Test
    void linearAndScaledLinearBetaEndpointsAreExact() {
        DiscreteSchedule lin = DiscreteSchedule.linear(T);
        assertEquals(1e-4, lin.beta(0), 0.0);
        assertEquals(0.02, lin.beta(T - 1), 0.0);
        DiscreteSchedule sl = DiscreteSchedule.scaledLinear(T);
        assertEquals(0.00085, sl.beta(0), 1e-18);
        assertEquals(0.012, sl.beta(T - 1), 1e-17);
    }

    @Test
    void alphaBarAndLambdaDecreaseStrictly() {
        for (DiscreteSchedule s : new DiscreteSchedule[] {
            DiscreteSchedule.linear(T), DiscreteSchedule.scaledLinear(T), DiscreteSchedule.cosine(T)}) {
            for (int j = 1; j < T; j++) {
                assertTrue(s.alphaBar(j) < s.alphaBar(j - 1), s.name() + " alphaBar at " + j);
                assertTrue(s.tableLambda(j) < s.tableLambda(j - 1), s.name() + " lambda at " + j);
            }
        }
    }

    @Test
    void cosineClipsExactlyTheLastBeta() {
        DiscreteSchedule cos = DiscreteSchedule.cosine(T);
        int clipped = 0;
        for (int j = 0; j < T; j++) {
            if (cos.beta(j) == BetaSchedules.COSINE_BETA_CAP) {
                clipped++;
                assertEquals(T - 1, j);
            }
        }
        assertEquals(1, clipped);
    }

    @Test
    void tableReferenceValues() {
        check(DiscreteSchedule.linear(T), 0.01000, 4.605, -5.059);
        check(DiscreteSchedule.scaledLinear(T), 0.02917, 3.535, -2.682);
        check(DiscreteSchedule.cosine(T), 0.00643, 5.047, -9.918);
    }

    private static void check(DiscreteSchedule s, double sigmaBar0, double lambda0, double lambda999) {
        assertEquals(sigmaBar0, s.sigmaBar(0), 1e-5, s.name() + " sigmaBar(0)");
        assertEquals(lambda0, s.tableLambda(0), 1e-3, s.name() + " lambda_0");
        assertEquals(lambda999, s.tableLambda(T - 1), 1e-3, s.name() + " lambda_999");
    }

    @Test
    void interpolationMatchesTableAndInverts() {
        DiscreteSchedule s = DiscreteSchedule.cosine(T);
        for (int j = 0; j < T; j++) {
            assertEquals(s.tableLambda(j), s.lambda(j), 0.0);
            assertEquals(Math.sqrt(s.alphaBar(j)), s.alpha(j), 1e-15);
            assertEquals(Math.sqrt(1.0 - s.alphaBar(j)), s.sigma(j), 1e-12);
        }
        for (double u : new double[] {0.0, 0.37, 1.5, 11.85, 123.456, 500.5, 998.999, 999.0}) {
            assertEquals(u, s.time(s.lambda(u)), 1e-10, "u(lambda(u)) at " + u);
            double a = s.alpha(u);
            double sg = s.sigma(u);
            assertEquals(1.0, a * a + sg * sg, 1e-15, "alpha^2+sigma^2 at " + u);
        }
        // λ is linear between table entries.
        assertEquals(0.5 * (s.tableLambda(11) + s.tableLambda(12)), s.lambda(11.5), 1e-15);
    }

    @Test
    void outOfRangeQueries() {
        DiscreteSchedule s = DiscreteSchedule.cosine(T);
        assertThrows(IllegalArgumentException.class, () -> s.time(s.tableLambda(0) + 1e-9));
        assertEquals(T - 1, s.time(s.tableLambda(T - 1) - 5.0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> s.lambda(-0.1));
        assertThrows(IllegalArgumentException.class, () -> s.lambda(999.5));
    }

    /** The noise-level matching of algorithms.md §6.3 is a pure schedule query: u(−log σ_n). */
    @Test
    void timeStepMatchingTable() {
        DiscreteSchedule cos = DiscreteSchedule.cosine(T);
        DiscreteSchedule lin = DiscreteSchedule.linear(T);
        DiscreteSchedule sl = DiscreteSchedule.scaledLinear(T);
        assertEquals(1.29, cos.time(-Math.log(0.010)), 0.01);
        assertEquals(6.13, cos.time(-Math.log(0.020)), 0.01);
        assertEquals(11.85, cos.time(-Math.log(0.030)), 0.01);
        assertEquals(24.04, cos.time(-Math.log(0.050)), 0.01);
        assertEquals(55.46, cos.time(-Math.log(0.100)), 0.01);
        assertEquals(2.29, lin.time(-Math.log(0.020)), 0.01);
        assertEquals(5.00, lin.time(-Math.log(0.030)), 0.01);
        assertEquals(26.41, lin.time(-Math.log(0.100)), 0.01);
        assertEquals(0.08, sl.time(-Math.log(0.030)), 0.01);
        assertEquals(10.38, sl.time(-Math.log(0.100)), 0.01);
        assertTrue(!lin.covers(-Math.log(0.010)));
        assertTrue(!sl.covers(-Math.log(0.020)));
    }

    @Test
    void sigmaAtThirtyHuFromLambdaMatchesTable() {
        DiscreteSchedule cos = DiscreteSchedule.cosine(T);
        // At a table level, σ from λ and σ from the float64 table agree to round-off.
        int j = 12;
        assertEquals(Math.sqrt(-Math.expm1(Math.log(cos.alphaBar(j)))), cos.sigma(j), 1e-12);
        double u = cos.time(-Math.log(0.03));
        assertEquals(0.03, cos.sigmaBar(u), 1e-12);
    }
}
