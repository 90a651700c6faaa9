package org.ddlm.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {

    private static final String SIDECAR = """
            {
              "format": "TorchScript",
              "weights": "prior.pt",
              "prediction": "V",
              "time_input": "fractional-index",
              "schedule": {"name": "cosine", "timesteps": 1000, "interpolation": "lambda-linear",
                           "parameters": {"s": 0.008}},
              "intensity": {"offset": -1024, "scale": 4095},
              "size_multiple": 16
            }
            """;

    @Test
    void readsEveryField() throws Exception {
        ModelSpec spec = ModelSpec.parse(SIDECAR, "test");
        assertEquals(new ModelSpec("torchscript", "prior.pt", "v", "cosine", 1000, "lambda-linear",
                Map.of("s", 0.008), -1024.0, 4095.0, 16, null), spec);
    }

    @Test
    void ctNoiseTextureRoundTripsAndBadTexturesAreNamed(@TempDir Path dir) throws Exception {
        ModelSpec white = ModelSpec.ctPrior(ModelSpec.FORMAT_UNET, "prior.unet", 8);
        ModelSpec ct = new ModelSpec(white.format(), white.weights(), white.prediction(), white.scheduleName(),
                white.timesteps(), white.interpolation(), white.scheduleParameters(), white.intensityOffset(),
                white.intensityScale(), white.sizeMultiple(), new NoiseTexture(0.35, 0.6));
        Path file = dir.resolve("prior.json");
        ct.write(file);
        assertTrue(java.nio.file.Files.readString(file).contains("\"texture\": \"ct-fbp\""));
        assertEquals(ct, ModelSpec.read(file));
        String withNoise = SIDECAR.replace("\"size_multiple\": 16", "\"size_multiple\": 16, \"noise\": {\"texture\": \"white\"}");
        assertEquals(null, ModelSpec.parse(withNoise, "x.json").noise());
        assertTrue(messageFor("\"size_multiple\": 16", "\"size_multiple\": 16, \"noise\": {\"texture\": \"pink\"}")
                .contains("noise.texture"));
        assertTrue(messageFor("\"size_multiple\": 16",
                "\"size_multiple\": 16, \"noise\": {\"texture\": \"ct-fbp\", \"cutoff_min\": 0.6, \"cutoff_max\": 0.4}")
                .contains("noise"));
    }

    @Test
    void writesWhatItReads(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.ctPrior(ModelSpec.FORMAT_UNET, "prior.unet", 8);
        Path file = dir.resolve("prior.json");
        spec.write(file);
        assertEquals(spec, ModelSpec.read(file));
        assertEquals(dir.resolve("prior.unet").toAbsolutePath(), spec.weightsPath(file));
    }

    @Test
    void ctPriorIsTheProjectDefault() {
        ModelSpec spec = ModelSpec.ctPrior(ModelSpec.FORMAT_UNET, "w", 8);
        assertEquals("eps", spec.prediction());
        assertEquals("cosine", spec.scheduleName());
        assertEquals(1000, spec.timesteps());
        assertEquals(0.0, spec.intensityOffset());
        assertEquals(1000.0, spec.intensityScale());
    }

    private static String messageFor(String from, String to) {
        ModelException e = assertThrows(ModelException.class, () -> ModelSpec.parse(SIDECAR.replace(from, to), "x.json"));
        assertTrue(e.getMessage().contains("x.json"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void namesTheBadFieldAndTheAcceptedValues() {
        assertTrue(messageFor("\"V\"", "\"score\"").contains("eps, x0 or v"));
        assertTrue(messageFor("TorchScript", "onnx").contains("format"));
        assertTrue(messageFor("lambda-linear", "nearest").contains("interpolation"));
        assertTrue(messageFor("fractional-index", "t-in-0-1").contains("time_input"));
        assertTrue(messageFor("\"scale\": 4095", "\"scale\": 0").contains("intensity"));
        assertTrue(messageFor("\"timesteps\": 1000", "\"timesteps\": 999.5").contains("timesteps"));
        assertTrue(messageFor("\"size_multiple\": 16", "\"size_multiple\": 0").contains("size_multiple"));
        // Hostile sizes are refused before anything is allocated (issue 15 item 6).
        assertTrue(messageFor("\"size_multiple\": 16", "\"size_multiple\": 100000").contains("must be 1 to 256"));
        assertTrue(messageFor("\"timesteps\": 1000", "\"timesteps\": 2147483647").contains("must be 2 to 100000"));
        assertTrue(messageFor("\"intensity\"", "\"intensities\"").contains("intensity"));
        assertTrue(messageFor("{\n  \"format\"", "[\n  \"format\"").contains("not valid JSON"));
    }
}
