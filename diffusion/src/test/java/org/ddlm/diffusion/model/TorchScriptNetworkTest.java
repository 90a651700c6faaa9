package org.ddlm.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed tiny model was scripted and saved by torch 1.13 (diffusion/tools/make_tiny_torchscript.py),
 * which also recorded its outputs for fixed inputs; DJL's PyTorch 2.5.1 engine must load it and agree.
 */
class TorchScriptNetworkTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptNetworkTest.class.getResource("/torchscript/" + name).toURI());
    }

    @Test
    void reproducesTheOutputsTorchPrinted() throws Exception {
        JsonObject expected = JsonParser.parseString(Files.readString(resource("tiny_eps_expected.json")))
                .getAsJsonObject();
        JsonArray shapeJson = expected.getAsJsonArray("shape");
        int b = shapeJson.get(0).getAsInt();
        int h = shapeJson.get(2).getAsInt();
        int w = shapeJson.get(3).getAsInt();
        // the recipe written in the expected file: x[b,0,i,j] = 0.5 sin(0.3 i + 0.7 j + b)
        float[] x = new float[b * h * w];
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    x[(n * h + i) * w + j] = (float) (0.5 * Math.sin(0.3 * i + 0.7 * j + n));
                }
            }
        }
        JsonArray uJson = expected.getAsJsonArray("u");
        float[] u = new float[uJson.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = uJson.get(i).getAsFloat();
        }
        JsonArray want = expected.getAsJsonArray("output");

        try (TorchScriptNetwork net = TorchScriptNetwork.load(resource("tiny_eps.json"), Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertEquals("eps", net.spec().prediction());
            NDArray out = net.forward(manager.create(x, new Shape(b, 1, h, w)), manager.create(u));
            assertEquals(new Shape(b, 1, h, w), out.getShape());
            assertTrue(out.getManager() == manager, "output belongs to the caller's manager");
            float[] got = out.toFloatArray();
            assertEquals(want.size(), got.length);
            for (int i = 0; i < got.length; i++) {
                // printed with 9 significant digits; conv sums may differ by a few float32 ulps across CPUs
                // (measured here: 6e-8)
                assertEquals(want.get(i).getAsDouble(), got[i], 5e-7, "element " + i);
            }
            // and u matters: both batch elements share x up to a phase, but the time shifts differ
            assertTrue(Math.abs(got[0] - got[h * w]) > 1e-3);
        }
    }

    @Test
    void refusesASidecarOfAnotherFormat(@TempDir Path dir) throws Exception {
        String json = Files.readString(resource("tiny_eps.json")).replace("\"torchscript\"", "\"ddlm-unet\"");
        Path sidecar = dir.resolve("other.json");
        Files.writeString(sidecar, json);
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptNetwork.load(sidecar, Device.cpu()));
        assertTrue(e.getMessage().contains("ddlm-unet"), e.getMessage());
    }

    @Test
    void namesTheFileWhenTheWeightsAreNotTorchScript(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("broken.pt");
        Files.writeString(weights, "not a zip archive");
        ModelSpec spec = ModelSpec.ctPrior(ModelSpec.FORMAT_TORCHSCRIPT, "broken.pt", 1);
        ModelException e = assertThrows(ModelException.class, () -> TorchScriptNetwork.load(weights, spec, Device.cpu()));
        assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
    }

    @Test
    void rejectsImagesThatAreNotMultiplesOfTheDeclaredSize() throws Exception {
        ModelSpec spec = ModelSpec.ctPrior(ModelSpec.FORMAT_TORCHSCRIPT, "tiny_eps.pt", 8);
        try (TorchScriptNetwork net = TorchScriptNetwork.load(resource("tiny_eps.pt"), spec, Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertThrows(IllegalArgumentException.class,
                    () -> net.forward(manager.zeros(new Shape(1, 1, 12, 16)), manager.zeros(new Shape(1))));
            assertEquals(new Shape(1, 1, 16, 8),
                    net.forward(manager.zeros(new Shape(1, 1, 16, 8)), manager.zeros(new Shape(1))).getShape());
        }
    }
}
