package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class SelfAttentionTest {

    private static float[] parameter(Block block, String child, String name) {
        for (Pair<String, Block> c : block.getChildren()) {
            if (c.getKey().endsWith(child)) {
                return c.getValue().getDirectParameters().get(name).getArray().toFloatArray();
            }
        }
        throw new AssertionError(child);
    }

    /** x + P·(V·softmax_rows(QᵀK/√C)ᵀ) + p, with Q, K, V the three thirds of W·GN(x) + b; plain double loops. */
    @Test
    void matchesTheDefinitionComputedDirectly() {
        int b = 2;
        int c = 4;
        int hw = 6;
        try (NDManager m = NDManager.newBaseManager()) {
            SelfAttention attention = new SelfAttention(c, 2);
            attention.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
            Shape shape = new Shape(b, c, 2, 3);
            attention.initialize(m, DataType.FLOAT32, shape);
            float[] x = m.randomNormal(shape).toFloatArray();
            float[] got = attention.forward(new ParameterStore(m, false), new NDList(m.create(x, shape)), false)
                    .singletonOrThrow().toFloatArray();

            float[] w = parameter(attention, "qkv", "weight"); // [3C, C, 1, 1]
            float[] wb = parameter(attention, "qkv", "bias");
            float[] p = parameter(attention, "proj", "weight"); // [C, C, 1, 1]
            float[] pb = parameter(attention, "proj", "bias");
            for (int n = 0; n < b; n++) {
                double[][] h = new double[c][hw];
                for (int g = 0; g < 2; g++) { // GroupNorm, 2 groups, unit scale, zero shift
                    double mean = 0;
                    double sq = 0;
                    for (int ch = 2 * g; ch < 2 * g + 2; ch++) {
                        for (int i = 0; i < hw; i++) {
                            mean += x[(n * c + ch) * hw + i];
                        }
                    }
                    mean /= 2 * hw;
                    for (int ch = 2 * g; ch < 2 * g + 2; ch++) {
                        for (int i = 0; i < hw; i++) {
                            double d = x[(n * c + ch) * hw + i] - mean;
                            sq += d * d;
                        }
                    }
                    double sd = Math.sqrt(sq / (2 * hw) + 1e-5);
                    for (int ch = 2 * g; ch < 2 * g + 2; ch++) {
                        for (int i = 0; i < hw; i++) {
                            h[ch][i] = (x[(n * c + ch) * hw + i] - mean) / sd;
                        }
                    }
                }
                double[][] qkv = new double[3 * c][hw];
                for (int o = 0; o < 3 * c; o++) {
                    for (int i = 0; i < hw; i++) {
                        double s = wb[o];
                        for (int k = 0; k < c; k++) {
                            s += w[o * c + k] * h[k][i];
                        }
                        qkv[o][i] = s;
                    }
                }
                double[][] attended = new double[c][hw];
                for (int i = 0; i < hw; i++) {
                    double[] scores = new double[hw];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < hw; j++) {
                        for (int k = 0; k < c; k++) {
                            scores[j] += qkv[k][i] * qkv[c + k][j];
                        }
                        scores[j] /= Math.sqrt(c);
                        max = Math.max(max, scores[j]);
                    }
                    double total = 0;
                    for (int j = 0; j < hw; j++) {
                        scores[j] = Math.exp(scores[j] - max);
                        total += scores[j];
                    }
                    for (int k = 0; k < c; k++) {
                        for (int j = 0; j < hw; j++) {
                            attended[k][i] += qkv[2 * c + k][j] * scores[j] / total;
                        }
                    }
                }
                for (int o = 0; o < c; o++) {
                    for (int i = 0; i < hw; i++) {
                        double s = x[(n * c + o) * hw + i] + pb[o];
                        for (int k = 0; k < c; k++) {
                            s += p[o * c + k] * attended[k][i];
                        }
                        assertEquals(s, got[(n * c + o) * hw + i], 1e-5, "n=" + n + " c=" + o + " pixel " + i);
                    }
                }
            }
        }
    }
}
