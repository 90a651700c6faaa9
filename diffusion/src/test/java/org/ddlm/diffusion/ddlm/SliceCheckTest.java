package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;

/**
 * The safety check on a phantom with known parts: taking away exactly the added noise passes; an output noisier than
 * the input fails; smoothing the anatomy away (removing its edges with the noise) fails.
 */
class SliceCheckTest {
    private static final int N = 256;
    private final float[] clean = Phantoms.piecewiseConstant(N, N);
    private final float[] noisy = Phantoms.add(clean, Phantoms.white(N * N, 30, 3));
    private final HuImage input = new HuImage(N, N, noisy);
    private final SliceCheck check = new SliceCheck(NormalDoseFloor.ofPrior(10.0, 0.0));

    @Test
    void removingExactlyTheNoisePasses() {
        SliceCheck.Verdict v = check.check(input, clean);
        assertTrue(v.passed(), v.describe());
        assertEquals(30.0, v.residualStd(), 1.5);
        assertEquals(0.0, v.outputTotal(), 0.0);
        assertTrue(Math.abs(v.edgeCorrelation()) < 0.05, v.describe());
    }

    @Test
    void aNoisierOutputFails() {
        SliceCheck.Verdict v = check.check(input, Phantoms.add(noisy, Phantoms.white(N * N, 30, 4)));
        assertFalse(v.passed());
        assertTrue(v.failure().contains("not clearly below"), v.failure());
    }

    /**
     * An input quieter than σ_ref (8 HU under 10) is still denoised, so its output must be clearly quieter too: one
     * that keeps 7.6 HU fails (σ_ref alone would have let it through), one that halves the noise passes.
     */
    @Test
    void aQuietInputMustStillComeOutQuieter() {
        HuImage quiet = new HuImage(N, N, Phantoms.add(clean, Phantoms.white(N * N, 8, 5)));
        assertEquals(8.0 / Math.sqrt(2.0), check.quietEnough(8.0), 1e-12);
        assertEquals(10.0, check.quietEnough(20.0), 0.0);
        SliceCheck.Verdict kept = check.check(quiet, Phantoms.add(clean, Phantoms.white(N * N, 7.6, 6)));
        assertFalse(kept.passed(), kept.describe());
        assertTrue(kept.outputTotal() < 10.0, "below sigma_ref: " + kept.describe());
        float[] halved = new float[N * N];
        for (int i = 0; i < halved.length; i++) {
            halved[i] = clean[i] + 0.5f * (quiet.hu()[i] - clean[i]);
        }
        SliceCheck.Verdict v = check.check(quiet, halved);
        assertTrue(v.passed(), v.describe());
        assertEquals(0.5 * v.inputTotal(), v.outputTotal(), 0.05 * v.inputTotal());
    }

    /**
     * With the series' own normal-dose level given (19 HU of an input's 20), only the small excess is to go: an
     * output that keeps 92 % of the noise (18.4 HU) is not 10 % quieter than the input, yet it is below the floor the
     * estimator took off, so it passes; under the prior's floor (10 HU) the same output fails.
     */
    @Test
    void aGivenNormalDoseLevelIsTheFloorOfTheCheck() {
        HuImage noisy20 = new HuImage(N, N, Phantoms.add(clean, Phantoms.white(N * N, 20, 7)));
        float[] kept = new float[N * N];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = clean[i] + 0.92f * (noisy20.hu()[i] - clean[i]);
        }
        SliceCheck given = new SliceCheck(NormalDoseFloor.ofPrior(10.0, 0.0).withSeriesLevel(19.0));
        SliceCheck.Verdict v = given.check(noisy20, kept);
        assertTrue(v.outputTotal() > 0.9 * v.inputTotal() && v.outputTotal() < 19.0, v.describe());
        assertTrue(v.passed(), v.describe());
        assertFalse(check.check(noisy20, kept).passed());
    }

    @Test
    void removingTheAnatomysEdgesFails() {
        // A flat output: the residual is the noise plus every edge of the phantom.
        float[] flat = new float[N * N];
        java.util.Arrays.fill(flat, 40f);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = clean[i] < -900 ? clean[i] : 40f;
        }
        SliceCheck.Verdict v = check.check(input, flat);
        assertFalse(v.passed(), v.describe());
        assertTrue(v.edgeCorrelation() > SliceCheck.MAX_EDGE_CORRELATION || v.residualStd() > 1.3 * v.inputTotal(),
                v.describe());
    }
}
