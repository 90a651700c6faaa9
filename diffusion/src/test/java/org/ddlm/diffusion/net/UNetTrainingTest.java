package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class UNetTrainingTest {

    /** A block that is built but not wired into the forward pass would get no gradient. */
    @Test
    void everyParameterReceivesAGradient() {
        UNetConfig config = new UNetConfig(8, List.of(1, 2, 2), 1, 4, true, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            UNet unet = UNet.create(config, m, 9);
            NDArray x = m.randomNormal(new Shape(2, 1, 16, 16));
            NDArray u = m.create(new float[] {3f, 600f});
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray out = unet.forward(new ParameterStore(m, false), new NDList(x, u), true).singletonOrThrow();
                collector.backward(out.sub(x).square().mean());
            }
            int checked = 0;
            for (Pair<String, Parameter> p : unet.getParameters()) {
                float largest = p.getValue().getArray().getGradient().abs().max().getFloat();
                assertTrue(largest > 0f, p.getKey() + " has no gradient");
                checked++;
            }
            assertTrue(checked > 50, "checked " + checked + " parameters");
        }
    }
}
