package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupNormTest {

    /** Reference: per (sample, group), subtract the mean, divide by sqrt(biased variance + eps), in double. */
    private static float[] reference(float[] x, int b, int c, int hw, int groups, float[] gamma, float[] beta) {
        float[] out = new float[x.length];
        int perGroup = c / groups;
        for (int n = 0; n < b; n++) {
            for (int g = 0; g < groups; g++) {
                int start = (n * c + g * perGroup) * hw;
                int count = perGroup * hw;
                double mean = 0;
                for (int i = 0; i < count; i++) {
                    mean += x[start + i];
                }
                mean /= count;
                double variance = 0;
                for (int i = 0; i < count; i++) {
                    variance += (x[start + i] - mean) * (x[start + i] - mean);
                }
                variance /= count;
                for (int i = 0; i < count; i++) {
                    int channel = g * perGroup + i / hw;
                    out[start + i] = (float) ((x[start + i] - mean) / Math.sqrt(variance + 1e-5)
                            * gamma[channel] + beta[channel]);
                }
            }
        }
        return out;
    }

    @Test
    void matchesDirectComputationPerSampleAndGroup() {
        int b = 2;
        int c = 6;
        int h = 5;
        int w = 7;
        int groups = 3;
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[b * c * h * w];
        for (int i = 0; i < x.length; i++) {
            // different offsets and spreads per element block, so a wrong grouping shows
            x[i] = (float) (3.0 * random.nextDouble() - 1.0 + (i / (h * w)) * 0.5);
        }
        float[] gamma = {0.5f, 1.5f, -1f, 2f, 0.25f, 1f};
        float[] beta = {0f, 0.1f, -0.2f, 0.3f, 1f, -1f};
        try (NDManager manager = NDManager.newBaseManager()) {
            GroupNorm norm = new GroupNorm(groups);
            Shape shape = new Shape(b, c, h, w);
            norm.initialize(manager, DataType.FLOAT32, shape);
            norm.getParameters().get("gamma").getArray().set(gamma);
            norm.getParameters().get("beta").getArray().set(beta);
            NDArray out = norm.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, shape)), false).singletonOrThrow();
            assertArrayEquals(reference(x, b, c, h * w, groups, gamma, beta), out.toFloatArray(), 2e-5f);
        }
    }

    @Test
    void rejectsGroupsThatDoNotDivideChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GroupNorm norm = new GroupNorm(4);
            assertThrows(IllegalArgumentException.class,
                    () -> norm.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 2, 2)));
        }
    }
}
