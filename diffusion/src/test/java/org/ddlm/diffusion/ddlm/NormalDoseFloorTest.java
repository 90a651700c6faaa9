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
