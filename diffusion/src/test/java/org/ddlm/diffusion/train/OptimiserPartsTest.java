package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient clipping, Adam and EMA against hand-computed float64 references. */
class OptimiserPartsTest {

    @Test
    void clippingCapsTheGlobalNormAndKeepsTheDirection() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3f, 4f});
            NDArray b = m.create(new float[] {12f});
            List<NDArray> grads = List.of(a, b);
            assertEquals(13.0, GradientClipping.globalNorm(grads), 1e-12);
            assertEquals(13.0, GradientClipping.clip(grads, 1.0), 1e-12);
            assertEquals(1.0, GradientClipping.globalNorm(grads), 1e-6);
            assertArrayEquals(new float[] {3f / 13, 4f / 13}, a.toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {12f / 13}, b.toFloatArray(), 1e-7f);
        }
    }

    @Test
    void clippingLeavesSmallGradientsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0.3f, -0.4f});
            GradientClipping.clip(List.of(a), 1.0);
            assertArrayEquals(new float[] {0.3f, -0.4f}, a.toFloatArray(), 0f);
        }
    }

    @Test
    void adamMatchesAFloat64ReferenceOverThreeSteps() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] w = {0.5, -1.0, 2.0};
        double[][] grads = {{0.1, -0.2, 0.0}, {0.3, 0.1, -0.5}, {-0.2, 0.4, 1.0}};
        double[] mRef = new double[3];
        double[] vRef = new double[3];
        double[] wRef = w.clone();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(toFloat(w));
            Adam adam = new Adam(List.of(weight), b1, b2, eps);
            for (int t = 1; t <= 3; t++) {
                adam.update(List.of(weight), List.of(m.create(toFloat(grads[t - 1]))), lr);
                for (int i = 0; i < 3; i++) {
                    double g = grads[t - 1][i];
                    mRef[i] = b1 * mRef[i] + (1 - b1) * g;
                    vRef[i] = b2 * vRef[i] + (1 - b2) * g * g;
                    double mHat = mRef[i] / (1 - Math.pow(b1, t));
                    double vHat = vRef[i] / (1 - Math.pow(b2, t));
                    wRef[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
            float[] got = weight.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(wRef[i], got[i], 1e-6, "weight " + i);
            }
            assertEquals(3, adam.updates());
        }
    }

    @Test
    void firstAdamStepIsLearningRateTimesSign() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(new float[] {1f, 1f, 1f});
            Adam adam = new Adam(List.of(weight), 0.9, 0.999, 1e-8);
            adam.update(List.of(weight), List.of(m.create(new float[] {0.5f, -3f, 0f})), 1e-3);
            assertArrayEquals(new float[] {1f - 1e-3f, 1f + 1e-3f, 1f}, weight.toFloatArray(), 1e-7f);
        }
    }

    @Test
    void emaAfterOneStepIsTheWeightedMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] old = {1f, -2f, 0.25f};
            float[] now = {3f, 5f, -0.75f};
            NDArray average = m.create(old);
            Ema.update(List.of(average), List.of(m.create(now)), 0.999);
            float[] got = average.toFloatArray();
            for (int i = 0; i < old.length; i++) {
                assertEquals(0.999 * old[i] + 0.001 * now[i], got[i], 1e-6);
            }
        }
    }

    @Test
    void emaDecayWarmUp() {
        assertEquals(0.999, Ema.decay(0.999, false, 0), 0.0);
        assertEquals(0.1, Ema.decay(0.999, true, 0), 1e-15);
        assertEquals(11.0 / 20.0, Ema.decay(0.999, true, 10), 1e-15);
        assertEquals(0.999, Ema.decay(0.999, true, 1_000_000), 0.0);
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
