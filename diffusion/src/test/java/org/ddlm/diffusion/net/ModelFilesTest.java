package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.ModelSpec;
import org.ddlm.diffusion.model.TorchScriptNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSavedUNetReopensThroughItsSidecar() throws Exception {
        UNetConfig config = new UNetConfig(8, List.of(1, 2), 1, 4, false, 2);
        ModelSpec spec = ModelSpec.ctPrior(ModelSpec.FORMAT_UNET, "prior.unet", 8);
        Path sidecar = dir.resolve("prior.json");
        try (NDManager weights = NDManager.newBaseManager(); NDManager m = NDManager.newBaseManager()) {
            UNet unet = UNet.create(config, weights, 4);
            ModelFiles.saveUNet(unet, spec, sidecar);
            assertTrue(Files.isRegularFile(dir.resolve("prior.unet")));
            NDArray x = m.randomNormal(new Shape(1, 1, 8, 16));
            NDArray u = m.create(new float[] {42f});
            float[] expected = new UNetNetwork(unet, weights).forward(x, u).toFloatArray();
            try (LoadedNetwork loaded = ModelFiles.open(sidecar, Device.cpu())) {
                assertEquals(spec, loaded.spec());
                assertArrayEquals(expected, loaded.network().forward(x, u).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void opensTorchScriptThroughTheSameCall() throws Exception {
        Path sidecar = Path.of(getClass().getResource("/torchscript/tiny_eps.json").toURI());
        try (LoadedNetwork loaded = ModelFiles.open(sidecar, Device.cpu())) {
            assertTrue(loaded.network() instanceof TorchScriptNetwork);
            assertEquals("cosine", loaded.spec().scheduleName());
        }
    }

    @Test
    void refusesASizeMultipleTheUNetCannotHonour() throws Exception {
        UNetConfig config = new UNetConfig(8, List.of(1, 2), 1, 4, false, 2); // needs multiples of 4
        try (NDManager weights = NDManager.newBaseManager()) {
            UNet unet = UNet.create(config, weights, 4);
            ModelSpec spec = ModelSpec.ctPrior(ModelSpec.FORMAT_UNET, "p.unet", 2);
            ModelException e = assertThrows(ModelException.class, () -> ModelFiles.saveUNet(unet, spec, dir.resolve("p.json")));
            assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
        }
    }
}
