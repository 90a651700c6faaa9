package org.ddlm.validation.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

class NoiseVersusCurrentTest {

    static final DoseSettings FAST = DoseSettings.defaults(5).withSigmaE2(0)
            .withGeometry(new ParallelBeamGeometry(360)).withFilter(ReconFilter.RAMP);

    @Test
    void slopesRecoverPowerLawAndSizeEffect() {
        List<NoiseVersusCurrent.Measurement> plain = new ArrayList<>();
        List<NoiseVersusCurrent.Measurement> modulated = new ArrayList<>();
        double[] ma = {34, 40, 52, 61, 75, 88, 99, 115};
        double[] dw = {190, 230, 205, 260, 215, 280, 240, 300};
        for (int i = 0; i < ma.length; i++) {
            plain.add(new NoiseVersusCurrent.Measurement(ma[i], 100 * Math.pow(ma[i], -0.5), 0, 200));
            modulated.add(new NoiseVersusCurrent.Measurement(ma[i], 100 * Math.pow(ma[i], -0.5) * Math.exp(0.01 * dw[i]),
                    0, dw[i]));
        }
        assertEquals(-0.5, NoiseVersusCurrent.slope(plain).slope(), 1e-12);
        assertEquals(-0.5, NoiseVersusCurrent.slopeAtFixedSize(modulated).slope(), 1e-9);
        assertTrue(NoiseVersusCurrent.slope(modulated).slope() > -0.5, "size growing with mA flattens the plain slope");
    }

    /** A noisy "full-dose" water disc made with the same model (variance e^p / n0) at the given seed. */
    static SpacedSlice noisyDisc(double radiusMm, double n0, long seed) {
        ImageGrid grid = new ImageGrid(128, 128, 2, 2);
        double muW = FAST.muWaterPerMm();
        AnalyticPhantom disc = AnalyticPhantom.disc(muW, radiusMm);
        Sinogram p = disc.project(FAST.geometry().rays(grid));
        double[] v = new double[p.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(p.data()[i]) / n0;
        }
        double[] mu = new NoiseReconstruction(FAST.geometry(), grid, FAST.filter(), 2)
                .reconstruct(new Sinogram(p.views(), p.channels(), v), new GaussianSource(SliceRandom.forSlice(seed, 0)));
        float[] hu = new float[mu.length];
        for (int r = 0; r < 128; r++) {
            for (int c = 0; c < 128; c++) {
                int i = r * 128 + c;
                boolean inside = Math.hypot(grid.x(c), grid.y(r)) <= radiusMm;
                hu[i] = (float) ((inside ? 0 : -1000) + 1000 / muW * mu[i]);
            }
        }
        return new SpacedSlice(new HuImage(128, 128, hu), 2, 2);
    }

    @Test
    void simulatedSweepOfAModelScanFollowsInverseSquareRootAndCalibratesN0Back() {
        // Full dose made with N0 = 5e4; simulating with the same N0 must give total SD = sigma_full / sqrt(a).
        double n0 = 5e4;
        SpacedSlice full = noisyDisc(90, n0, 77);
        NoiseVersusCurrent.SimulatedSweep sweep = NoiseVersusCurrent.simulatedSweep(full, 100,
                new double[] {25, 50, 100}, FAST.withN0(n0), 0, 40, 2);
        assertEquals(2, sweep.levels().size(), "the 100 mA level is the full dose itself");
        assertEquals(-0.5, sweep.slope().slope(), 0.05);
        for (NoiseVersusCurrent.SimulatedLevel level : sweep.levels()) {
            assertEquals(sweep.fullDoseSdHu() / Math.sqrt(level.doseFraction()), level.totalSdHu(),
                    0.08 * level.totalSdHu(), "a = " + level.doseFraction());
            assertEquals(n0, level.calibratedN0(), 0.15 * n0, "a = " + level.doseFraction());
        }
    }

    @Test
    void calibrationFormulaAndSingleSimulationCalibration() {
        // sigma_full = 10, a = 0.25 and N0 = 1e5 adding sigma_add = 20: the total 22.4 HU exceeds 10/sqrt(a) = 20;
        // N0_cal = 1e5 * 0.25 * 400 / (0.75 * 100) = 1.333e5 gives sigma_add^2 = 400 * 1e5 / 1.333e5 = 300 = 100/a - 100.
        assertEquals(1e5 / 0.75, N0Calibration.fromNoise(1e5, 0.25, 20, 10), 1e-6);
        double n0 = 5e4;
        SpacedSlice full = noisyDisc(90, n0, 78);
        assertEquals(n0, N0Calibration.calibrate(full, 0, FAST.withN0(2e5).withDose(0.3), 40, 2), 0.15 * n0);
    }

    @Test
    void modelCheckFindsTheConstantAndAFlatRatio() {
        // Slices of different size and current, each made with N0 = c mA, c = 400: the fit must return c.
        double c = 400;
        double[] radii = {60, 80, 100};
        double[] ma = {40, 120, 80};
        List<SpacedSlice> slices = new ArrayList<>();
        List<NoiseVersusCurrent.Measurement> ms = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            SpacedSlice s = noisyDisc(radii[k], c * ma[k], 100 + k);
            slices.add(s);
            ms.add(NoiseVersusCurrent.measure(s, ma[k], 40));
        }
        // Real SDs span a wide range: sizes and currents both matter.
        assertTrue(ms.get(0).noiseSdHu() < 0.8 * ms.get(2).noiseSdHu());
        NoiseVersusCurrent.ModelCheck check = NoiseVersusCurrent.modelCheck(slices, ms, FAST, 40, 2);
        assertEquals(c, check.c(), 0.1 * c);
        assertTrue(check.ratioSpread() < 0.06, "spread " + check.ratioSpread());
    }
}
