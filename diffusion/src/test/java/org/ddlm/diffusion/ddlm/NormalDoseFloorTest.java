package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/**
 * The normal-dose floor: the prior's σ_ref capped at total/√2 per slice, or the series' own level when the user gives
 * it, taken off as given (closed forms), and the estimator's excess and texture over white noise under each.
 */
class NormalDoseFloorTest {
    private static final int N = 256;

    @Test
    void thePriorsFloorIsCappedAndAGivenSeriesLevelIsNot() {
        NormalDoseFloor prior = NormalDoseFloor.ofPrior(12.0, 6.0);
        assertFalse(prior.seriesGiven());
        assertEquals(12.0, prior.total(30.0), 0.0);
        assertEquals(10.0 / Math.sqrt(2.0), prior.total(10.0), 1e-12);
        NormalDoseFloor given = prior.withSeriesLevel(19.0);
        assertTrue(given.seriesGiven());
        assertEquals(19.0, given.total(30.0), 0.0);
        assertEquals(19.0, given.total(10.0), 0.0); // above the slice's own noise: no excess left
        assertEquals(6.0 * 19.0 / 12.0, given.hh(19.0), 1e-12);
        assertEquals(prior, prior.withSeriesLevel(null));
        assertTrue(given.describe().contains("normal-dose noise 19.00 HU (given), its HH level 9.50 HU"),
                given.describe());
        assertThrows(IllegalArgumentException.class, () -> prior.withSeriesLevel(-1.0));
        assertThrows(IllegalArgumentException.class, () -> prior.withSeriesLevel(Double.POSITIVE_INFINITY));
    }

    /**
     * σ_ref holds at the prior data's thickness: a 1 mm series gets σ_ref·√(5/1), a 10 mm one σ_ref·√(5/10), still
     * capped at total/√2; headers outside [0.5, 10] mm are clamped; an unknown thickness on either side leaves σ_ref
     * as it is, and a given series level is taken as it is whatever the thickness.
     */
    @Test
    void thePriorsFloorScalesWithTheSeriesSliceThickness() {
        NormalDoseFloor prior = NormalDoseFloor.ofPrior(9.88, 7.23, 5.0);
        assertEquals(9.88, prior.total(100.0), 0.0);
        assertEquals(9.88 * Math.sqrt(5.0), prior.withThickness(1.0).priorLevel(), 1e-12);
        NormalDoseFloor thin = prior.withThickness(1.0);
        assertEquals(9.88 * Math.sqrt(5.0), thin.total(100.0), 1e-12);
        assertEquals(30.0 / Math.sqrt(2.0), thin.total(30.0), 1e-12);
        assertEquals(9.88 * Math.sqrt(0.5), prior.withThickness(10.0).total(100.0), 1e-12);
        assertEquals(9.88 * Math.sqrt(10.0), prior.withThickness(0.1).total(100.0), 1e-12);
        assertEquals(9.88 * Math.sqrt(0.5), prior.withThickness(50.0).total(100.0), 1e-12);
        assertEquals(9.88, prior.withThickness(Double.NaN).total(100.0), 0.0);
        assertEquals(9.88, NormalDoseFloor.ofPrior(9.88, 7.23).withThickness(1.0).total(100.0), 0.0);
        // The HH floor keeps the prior data's HH share at whatever level the floor takes.
        assertEquals(7.23 * Math.sqrt(5.0), thin.hh(thin.total(100.0)), 1e-12);
        assertEquals(19.0, thin.withSeriesLevel(19.0).total(100.0), 0.0);
        assertEquals(19.0, prior.withSeriesLevel(19.0).withThickness(1.0).total(100.0), 0.0);
        // Capped exactly where total/sqrt 2 falls below the scaled level (1 mm: 9.88 sqrt 5 = 22.09 HU, so 31.24 HU).
        assertTrue(thin.capped(31.0));
        assertFalse(thin.capped(31.5));
        assertFalse(prior.capped(31.0)); // 5 mm: 13.97 HU is the limit
        assertTrue(prior.capped(13.9));
        assertFalse(thin.withSeriesLevel(19.0).capped(1.0));
        assertTrue(prior.describe().contains("9.88 HU at 5.0 mm slices x sqrt(5.0 mm / each slice's thickness)"),
                prior.describe());
        assertThrows(IllegalArgumentException.class, () -> prior.withThickness(0.0));
        assertThrows(IllegalArgumentException.class, () -> NormalDoseFloor.ofPrior(9.88, 7.23, -5.0));
    }

    /**
     * White noise of 20 HU on the phantom: under a given level of 16 HU the excess is √(total² − 16²) ≈ 12, where the
     * prior's capped floor (σ_ref 10) would leave ≈ 17.3; a given level above the total leaves no excess at all.
     */
    @Test
    void theEstimatorTakesTheGivenLevelOffTheTotal() {
        HuImage y = new HuImage(N, N, Phantoms.add(Phantoms.piecewiseConstant(N, N), Phantoms.white(N * N, 20, 31)));
        NormalDoseFloor prior = NormalDoseFloor.ofPrior(10.0, 5.0);
        NoiseProfile byPrior = new NoiseLevelEstimator(prior).profile(y);
        NoiseProfile byGiven = new NoiseLevelEstimator(prior.withSeriesLevel(16.0)).profile(y);
        assertEquals(20.0, byGiven.totalHu(), 1.0);
        assertEquals(byPrior.totalHu(), byGiven.totalHu(), 0.0);
        assertEquals(Math.sqrt(byGiven.totalHu() * byGiven.totalHu() - 256.0), byGiven.sigmaHu(), 1e-9);
        assertEquals(Math.sqrt(byPrior.totalHu() * byPrior.totalHu() - 100.0), byPrior.sigmaHu(), 1e-9);
        double floorHh = 5.0 * 16.0 / 10.0;
        assertEquals(Math.min(NoiseLevelEstimator.MAX_SHARPNESS, Math.sqrt(byGiven.hhHu() * byGiven.hhHu()
                - floorHh * floorHh) / byGiven.sigmaHu()), byGiven.sharpness(), 1e-9);
        assertEquals(0.0, new NoiseLevelEstimator(prior.withSeriesLevel(40.0)).profile(y).sigmaHu(), 0.0);
    }
}
