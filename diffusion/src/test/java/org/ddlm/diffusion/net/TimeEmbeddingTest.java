package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TimeEmbeddingTest {

    @Test
    void sinesThenCosinesOfGeometricFrequencies() {
        float[] u = {0f, 0.37f, 11.85f, 999f};
        int dim = 8;
        try (NDManager manager = NDManager.newBaseManager()) {
            var features = TimeEmbedding.sinusoidal(manager.create(u), dim);
            assertEquals(new Shape(4, 8), features.getShape());
            float[] got = features.toFloatArray();
            for (int b = 0; b < u.length; b++) {
                for (int k = 0; k < dim / 2; k++) {
                    double angle = u[b] * Math.pow(10000.0, -k / (dim / 2.0));
                    // float32 angles of up to 999 rad carry ~6e-5 absolute error
                    assertEquals(Math.sin(angle), got[b * dim + k], 2e-4, "sin b=" + b + " k=" + k);
                    assertEquals(Math.cos(angle), got[b * dim + dim / 2 + k], 2e-4, "cos b=" + b + " k=" + k);
                }
            }
        }
    }
}
