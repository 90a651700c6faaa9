package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class UNetTest {

    private static final UNetConfig SMALL = new UNetConfig(8, List.of(1, 2), 1, 4, false, 1);

    private static UNetNetwork network(UNetConfig config, long seed) {
        NDManager weights = NDManager.newBaseManager();
        return new UNetNetwork(UNet.create(config, weights, seed), weights);
    }

    private static boolean allFinite(NDArray a) {
        for (float v : a.toFloatArray()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void defaultConfigRunsOnAFull512Slice() {
        try (UNetNetwork net = network(UNetConfig.defaults(), 1); NDManager m = NDManager.newBaseManager()) {
            NDArray out = net.forward(m.randomNormal(new Shape(1, 1, 512, 512)), m.create(new float[] {11.85f}));
            assertEquals(new Shape(1, 1, 512, 512), out.getShape());
            assertTrue(allFinite(out));
        }
    }

    @Test
    void defaultConfigRunsOnABatchOf16Patches() {
        try (UNetNetwork net = network(UNetConfig.defaults(), 1); NDManager m = NDManager.newBaseManager()) {
            NDArray u = m.linspace(0f, 999f, 16);
            NDArray out = net.forward(m.randomNormal(new Shape(16, 1, 64, 64)), u);
            assertEquals(new Shape(16, 1, 64, 64), out.getShape());
            assertTrue(allFinite(out));
        }
    }

    @Test
    void eachSampleIsIndependentOfTheRestOfTheBatch() {
        // GroupNorm only, no batch statistics: a sample's output must not depend on its batch mates
        try (UNetNetwork net = network(SMALL, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 1, 16, 16));
            NDArray u = m.create(new float[] {0f, 11.85f, 700f});
            NDArray together = net.forward(x, u);
            for (int i = 0; i < 3; i++) {
                NDArray alone = net.forward(x.get(new NDIndex("{}:{}", i, i + 1)), u.get(new NDIndex("{}:{}", i, i + 1)));
                assertArrayEquals(alone.toFloatArray(), together.get(new NDIndex("{}:{}", i, i + 1)).toFloatArray(),
                        1e-5f, "sample " + i);
            }
        }
    }

    @Test
    void outputDependsOnTheTimeInput() {
        try (UNetNetwork net = network(SMALL, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 1, 16, 16));
            float[] early = net.forward(x, m.create(new float[] {0f})).toFloatArray();
            float[] late = net.forward(x, m.create(new float[] {500f})).toFloatArray();
            double difference = 0;
            for (int i = 0; i < early.length; i++) {
                difference = Math.max(difference, Math.abs(early[i] - late[i]));
            }
            assertTrue(difference > 1e-3, "time input has no effect: max difference " + difference);
        }
    }

    @Test
    void sameSeedGivesSameWeights() {
        try (UNetNetwork a = network(SMALL, 5); UNetNetwork b = network(SMALL, 5); UNetNetwork c = network(SMALL, 6);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 1, 16, 16));
            NDArray u = m.create(new float[] {3f});
            float[] ya = a.forward(x, u).toFloatArray();
            assertArrayEquals(ya, b.forward(x, u).toFloatArray(), 0f);
            assertTrue(!java.util.Arrays.equals(ya, c.forward(x, u).toFloatArray()));
        }
    }

    @Test
    void bottleneckAttentionAndPatchFoldingRun() {
        UNetConfig config = new UNetConfig(8, List.of(1, 2, 2), 2, 4, true, 2);
        assertEquals(8, config.sizeMultiple());
        try (UNetNetwork net = network(config, 2); NDManager m = NDManager.newBaseManager()) {
            NDArray out = net.forward(m.randomNormal(new Shape(2, 1, 32, 24)), m.create(new float[] {1f, 2f}));
            assertEquals(new Shape(2, 1, 32, 24), out.getShape());
            assertTrue(allFinite(out));
        }
    }

    @Test
    void rejectsSizesThatAreNotMultiples() {
        try (UNetNetwork net = network(SMALL, 3); NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.forward(m.zeros(new Shape(1, 1, 15, 16)), m.zeros(new Shape(1))));
            assertTrue(e.getMessage().contains("multiples of 2"), e.getMessage());
        }
    }

    @Test
    void forwardFreesIntermediatesAndKeepsOnlyTheOutput() {
        try (UNetNetwork net = network(SMALL, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 1, 16, 16));
            NDArray u = m.create(new float[] {3f});
            int before = m.getManagedArrays().size();
            net.forward(x, u);
            assertEquals(before + 1, m.getManagedArrays().size());
            assertTrue(x.getManager() == m && u.getManager() == m, "inputs stay with their manager");
        }
    }
}
