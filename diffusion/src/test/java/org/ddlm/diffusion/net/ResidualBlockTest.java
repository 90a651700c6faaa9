package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class ResidualBlockTest {

    private static NDArray run(ResidualBlock block, NDManager m, NDArray x, NDArray time) {
        return block.forward(new ParameterStore(m, false), new NDList(x, time), false).singletonOrThrow();
    }

    /** DJL prefixes child names with their position ("05conv2"). */
    private static Block child(Block block, String name) {
        for (Pair<String, Block> c : block.getChildren()) {
            if (c.getKey().endsWith(name)) {
                return c.getValue();
            }
        }
        throw new AssertionError("no child " + name);
    }

    private static ResidualBlock initialised(int in, int out, NDManager m) {
        ResidualBlock block = new ResidualBlock(in, out, 2);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.initialize(m, DataType.FLOAT32, new Shape(2, in, 6, 5), new Shape(2, 16));
        return block;
    }

    @Test
    void withTheLastConvolutionZeroedTheBlockIsItsShortcut() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 4, 6, 5));
            NDArray time = m.randomNormal(new Shape(2, 16));

            ResidualBlock same = initialised(4, 4, m);
            child(same, "conv2").getParameters().forEach(p -> p.getValue().getArray().set(
                    new float[(int) p.getValue().getArray().size()]));
            assertArrayEquals(x.toFloatArray(), run(same, m, x, time).toFloatArray(), 0f);

            ResidualBlock wider = initialised(4, 6, m);
            child(wider, "conv2").getParameters().forEach(p -> p.getValue().getArray().set(
                    new float[(int) p.getValue().getArray().size()]));
            // shortcut: 1x1 conv = per-pixel matrix product with the skip weights plus bias
            NDArray w = child(wider, "skip").getDirectParameters().get("weight").getArray().reshape(6, 4);
            NDArray b = child(wider, "skip").getDirectParameters().get("bias").getArray();
            NDArray expected = w.matMul(x.transpose(1, 0, 2, 3).reshape(4, -1)).add(b.reshape(6, 1))
                    .reshape(6, 2, 6, 5).transpose(1, 0, 2, 3);
            assertArrayEquals(expected.toFloatArray(), run(wider, m, x, time).toFloatArray(), 1e-5f);
        }
    }
}
