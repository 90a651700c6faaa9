package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Vp;
import org.junit.jupiter.api.Test;

/** The u* table of algorithms.md §6.3 (T = 1000; NaN = below range). */
class TimeMatchTest {

    private static final double[] SIGMA_HU = {10, 20, 30, 50, 100};
    private static final double NA = Double.NaN;

    private static void check(Schedule schedule, double[] expected) {
        for (int k = 0; k < SIGMA_HU.length; k++) {
            TimeMatch m = TimeMatch.of(schedule, SIGMA_HU[k] / 1000.0, 1.0);
            if (Double.isNaN(expected[k])) {
                assertTrue(m.belowRange(), schedule.name() + " " + SIGMA_HU[k] + " HU");
                assertTrue(Double.isNaN(m.time()));
            } else {
                assertFalse(m.belowRange(), schedule.name() + " " + SIGMA_HU[k] + " HU");
                assertEquals(expected[k], m.time(), 0.01, schedule.name() + " " + SIGMA_HU[k] + " HU");
                // Consistent with the schedule: σ̄(u*) = σ_n.
                assertEquals(SIGMA_HU[k] / 1000.0, Vp.sigmaBar(schedule.lambda(m.time())), 1e-12);
            }
        }
    }

    @Test
    void cosine() {
        check(DiscreteSchedule.cosine(1000), new double[] {1.29, 6.13, 11.85, 24.04, 55.46});
    }

    @Test
    void linear() {
        check(DiscreteSchedule.linear(1000), new double[] {NA, 2.29, 5.00, 10.95, 26.41});
    }

    @Test
    void scaledLinear() {
        check(DiscreteSchedule.scaledLinear(1000), new double[] {NA, NA, 0.08, 1.93, 10.38});
    }

    @Test
    void timeFactorScalesTheMatchedNoise() {
        DiscreteSchedule cosine = DiscreteSchedule.cosine(1000);
        TimeMatch m = TimeMatch.of(cosine, 0.02, 1.5);
        assertEquals(TimeMatch.of(cosine, 0.03, 1.0).time(), m.time(), 1e-12);
        assertEquals(-Math.log(0.03), m.lambda(), 1e-12);
        // Whitening: σ̄' = σ_n√(1 + ζ_w²).
        TimeMatch w = NoiseAwareStart.match(cosine, 0.03, 1.0, 0.75);
        assertEquals(0.03 * 1.25, Vp.sigmaBar(cosine.lambda(w.time())), 1e-12);
    }

    @Test
    void continuousReference() {
        // σ̄ = 0.2 ⇔ t = 0.057959, σ̄ = 0.03 ⇔ t = 0.0057296 (algorithms.md §1).
        ContinuousVpSchedule vp = ContinuousVpSchedule.standard();
        assertEquals(0.057959, TimeMatch.of(vp, 0.2, 1.0).time(), 1e-6);
        assertEquals(0.0057296, TimeMatch.of(vp, 0.03, 1.0).time(), 1e-7);
    }
}
