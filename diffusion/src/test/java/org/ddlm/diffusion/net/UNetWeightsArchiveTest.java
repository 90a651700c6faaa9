package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.function.UnaryOperator;
import org.ddlm.diffusion.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy weight archives: a round trip keeps every weight, and altered archives are refused with the reason. */
class UNetWeightsArchiveTest {
    private static final UNetConfig SMALL = new UNetConfig(8, List.of(1, 2), 1, 4, false, 2);

    @TempDir
    Path dir;

    private Path writeArchive(NDManager manager) throws Exception {
        Path npz = dir.resolve("w.npz");
        UNetWeightsArchive.write(new UNetNetwork(UNet.create(SMALL, manager, 5), manager), npz);
        return npz;
    }

    @Test
    void roundTripKeepsEveryWeightAndTheFunction() throws Exception {
        try (NDManager a = NDManager.newBaseManager(); NDManager b = NDManager.newBaseManager()) {
            UNet original = UNet.create(SMALL, a, 5);
            Path npz = dir.resolve("w.npz");
            UNetWeightsArchive.write(new UNetNetwork(original, a), npz);
            UNet restored = UNetWeightsArchive.read(npz, SMALL, b);

            ParameterList p = original.getParameters();
            ParameterList q = restored.getParameters();
            assertEquals(p.size(), q.size());
            for (int i = 0; i < p.size(); i++) {
                assertArrayEquals(p.get(i).getValue().getArray().toFloatArray(),
                        q.get(i).getValue().getArray().toFloatArray(), 0f, p.get(i).getKey());
            }
            // The archive names each array as DJL names the parameter, and carries the probe.
            try (NDManager c = NDManager.newBaseManager(); InputStream in = Files.newInputStream(npz)) {
                NDList arrays = NDList.decode(c, in);
                assertEquals(p.size() + 3, arrays.size());
                assertEquals(p.get(0).getKey(), arrays.get(0).getName());
                assertEquals(new Shape(2, 1, 32, 32), arrays.get(p.size()).getShape());
            }
            NDArray x = a.randomNormal(new Shape(1, 1, 16, 16));
            NDArray u = a.create(new float[] {12.5f});
            float[] before = new UNetNetwork(original, a).forward(x, u).toFloatArray();
            float[] after = new UNetNetwork(restored, b).forward(b.create(x.toFloatArray(), x.getShape()),
                    b.create(u.toFloatArray())).toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("w.npz"), left.map(f -> f.getFileName().toString()).toList(),
                    "the file and nothing else: the temporary file is gone");
        }
    }

    @Test
    void aProbeThatTheWeightsDoNotReproduceIsRefused() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path npz = rewrite(writeArchive(m), list -> {
                NDArray probe = list.stream().filter(a -> a.getName().equals(UNetWeightsArchive.PROBE_OUT)).findFirst()
                        .orElseThrow();
                NDArray shifted = probe.add(0.05f);
                shifted.setName(probe.getName());
                list.set(list.indexOf(probe), shifted);
                return list;
            });
            ModelException e = assertThrows(ModelException.class, () -> UNetWeightsArchive.read(npz, SMALL, m));
            assertTrue(e.getMessage().contains("do not reproduce their probe"), e.getMessage());
        }
    }

    @Test
    void aMissingParameterIsNamed() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path npz = rewrite(writeArchive(m), list -> {
                list.remove(3);
                return list;
            });
            String missing = UNet.create(SMALL, m, 1).getParameters().get(3).getKey();
            ModelException e = assertThrows(ModelException.class, () -> UNetWeightsArchive.read(npz, SMALL, m));
            assertTrue(e.getMessage().contains("no array for parameter " + missing), e.getMessage());
        }
    }

    @Test
    void weightsOfAnotherWidthAreRefusedWithTheShapes() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path npz = writeArchive(m);
            UNetConfig wider = new UNetConfig(16, List.of(1, 2), 1, 4, false, 2);
            ModelException e = assertThrows(ModelException.class, () -> UNetWeightsArchive.read(npz, wider, m));
            assertTrue(e.getMessage().contains("has shape") && e.getMessage().contains("this UNet needs"), e.getMessage());
        }
    }

    /** Decodes the archive, lets {@code edit} change the arrays, and writes them to a new file. */
    private Path rewrite(Path npz, UnaryOperator<NDList> edit) throws Exception {
        Path out = dir.resolve("edited.npz");
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(npz);
             OutputStream os = Files.newOutputStream(out)) {
            edit.apply(NDList.decode(m, in)).encode(os, NDList.Encoding.NPZ);
        }
        return out;
    }
}
