package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.diffusion.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UNetCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void parametersRoundTripBitIdentically() throws Exception {
        UNetConfig config = new UNetConfig(8, List.of(1, 2, 2), 2, 4, true, 2);
        Path file = dir.resolve("prior.unet");
        try (NDManager original = NDManager.newBaseManager(); NDManager restored = NDManager.newBaseManager()) {
            UNet saved = UNet.create(config, original, 11);
            UNetCheckpoint.save(saved, file);
            UNet loaded = UNetCheckpoint.load(file, restored);

            assertEquals(config, loaded.config());
            ParameterList a = saved.getParameters();
            ParameterList b = loaded.getParameters();
            assertEquals(a.size(), b.size());
            long values = 0;
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).getKey(), b.get(i).getKey());
                NDArray x = a.get(i).getValue().getArray();
                NDArray y = b.get(i).getValue().getArray();
                assertEquals(x.getShape(), y.getShape(), a.get(i).getKey());
                assertEquals(x.getDataType(), y.getDataType(), a.get(i).getKey());
                assertArrayEquals(x.toByteArray(), y.toByteArray(), a.get(i).getKey());
                values += x.size();
            }
            assertTrue(values > 10_000, "checkpoint holds the whole network: " + values);

            // and the restored network computes exactly the same function
            NDArray x = original.randomNormal(new Shape(2, 1, 16, 16));
            NDArray u = original.create(new float[] {0.37f, 500f});
            float[] before = new UNetNetwork(saved, original).forward(x, u).toFloatArray();
            NDArray x2 = restored.create(x.toFloatArray(), x.getShape());
            NDArray u2 = restored.create(u.toFloatArray());
            float[] after = new UNetNetwork(loaded, restored).forward(x2, u2).toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("prior.unet"), left.map(f -> f.getFileName().toString()).toList(),
                    "the file and nothing else: the temporary file is gone");
        }
    }

    @Test
    void refusesAFileThatIsNotACheckpoint() throws Exception {
        Path file = dir.resolve("junk.unet");
        Files.writeString(file, "not a checkpoint at all");
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelException e = assertThrows(ModelException.class, () -> UNetCheckpoint.load(file, manager));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    /** Issue 15 item 12: a truncated file says so, instead of "Cannot read UNet checkpoint …: null". */
    @Test
    void aTruncatedCheckpointSaysItEndsEarly() throws Exception {
        Path file = dir.resolve("prior.unet");
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetCheckpoint.save(UNet.create(new UNetConfig(8, List.of(1, 2), 1, 4, false, 1), manager, 3), file);
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
            ModelException e = assertThrows(ModelException.class, () -> UNetCheckpoint.load(file, manager));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("ends early"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("null"), e.getMessage());
        }
    }
}
