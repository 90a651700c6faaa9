package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.DeclaredDenoiser;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.GaussianStream;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.oracle.GaussianOracle;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Schedule;
import org.junit.jupiter.api.Test;

class TweedieCheckTest {

    private static final int SIZE = 96;

    /** Pixels drawn iid from N(mean, std²). */
    private static float[] gaussianImage(double mean, double std, long seed) {
        double[] z = new double[SIZE * SIZE];
        new GaussianStream(new SplittableRandom(seed)).fill(z, 0, z.length);
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) (mean + std * z[i]);
        }
        return out;
    }

    /**
     * For iid Gaussian data the exact denoiser is the Wiener filter, whose error has variance
     * s²n²/(s² + n²) with n = 30: 9.49 HU for s = 10 (passes), 24.0 HU for s = 40 (fails the
     * halving criterion). The oracle works in image units, so "HU" are its model units here.
     */
    @Test
    void exactGaussianPriorMatchesTheWienerError() {
        boolean[] body = new boolean[SIZE * SIZE];
        Arrays.fill(body, true);
        double[] stds = {10.0, 40.0};
        for (int i = 0; i < stds.length; i++) {
            double s = stds[i];
            GaussianOracle oracle = new GaussianOracle(40.0, s, DiscreteSchedule.cosine(1000), Prediction.EPS);
            TweedieCheck.Result r = TweedieCheck.run(oracle, gaussianImage(40, s, 100 + i), body, SIZE, SIZE, 7);
            double expected = Math.sqrt(s * s * 900.0 / (s * s + 900.0));
            assertEquals(30.0, r.noisyRmseHu(), 0.6, "noisy, s=" + s);
            assertEquals(expected, r.denoisedRmseHu(), 0.03 * expected, "denoised, s=" + s);
            assertEquals(s < 20, r.passes(), "s=" + s);
            assertEquals(oracle.schedule().time(-Math.log(30.0)), r.time(), 0.0);
        }
    }

    /** A "prior" that returns its input unchanged (x̂0 = y) must fail, with equal RMSEs, under x = HU/1000. */
    @Test
    void doingNothingFailsAndMasksAreRespected() {
        Schedule schedule = DiscreteSchedule.cosine(1000);
        Denoiser identity = new DeclaredDenoiser(Prediction.X0, schedule, IntensityMapping.CT_HU) {
            @Override
            public NDArray predict(NDArray x, double[] time) {
                return x.div(schedule.alpha(time[0]));
            }
        };
        float[] hu = gaussianImage(0, 300, 3);
        boolean[] body = new boolean[SIZE * SIZE];
        Arrays.fill(body, 0, SIZE * SIZE / 2, true);
        TweedieCheck.Result r = TweedieCheck.run(identity, hu, body, SIZE, SIZE, 4);
        assertEquals(r.noisyRmseHu(), r.denoisedRmseHu(), 1e-6 * r.noisyRmseHu());
        assertEquals(30.0, r.noisyRmseHu(), 1.2);
        assertFalse(r.passes());
        // u* for 30 HU on cosine T=1000 is about 11.85 (algorithms.md §1).
        assertEquals(11.85, r.time(), 0.01);
    }
}
