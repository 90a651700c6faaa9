package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private final LearningRateSchedule defaults = new LearningRateSchedule(2e-4, 1e-6, 5_000, 100_000);

    @Test
    void warmUpStartsAtPeakOverWarmupAndReachesThePeak() {
        assertEquals(2e-4 / 5000, defaults.at(0), 1e-20);
        assertEquals(2e-4 * 2500 / 5000, defaults.at(2499), 1e-18);
        assertEquals(2e-4, defaults.at(4999), 1e-18);
    }

    @Test
    void cosineDecayEndsAtTheFinalRateAtTheLastStep() {
        // Step 5000 is the first decay step: p = 1/95000.
        double p = 1.0 / 95_000;
        assertEquals(1e-6 + (2e-4 - 1e-6) * 0.5 * (1 + Math.cos(Math.PI * p)), defaults.at(5000), 1e-20);
        assertEquals(1e-6, defaults.at(99_999), 1e-18);
        // Half way through the decay the rate is the mean of peak and final.
        assertEquals((2e-4 + 1e-6) / 2, defaults.at(4_999 + 47_500), 1e-18);
    }

    @Test
    void decayIsMonotone() {
        for (long k = 5_000; k < 100_000; k += 997) {
            assertTrue(defaults.at(k) <= defaults.at(k - 1), "step " + k);
        }
    }

    @Test
    void rejectsWarmupNotShorterThanTraining() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> defaults.at(100_000));
    }
}
