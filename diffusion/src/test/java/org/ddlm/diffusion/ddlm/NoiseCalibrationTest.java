package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.diffusion.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a prior's noise calibration comes from (algorithms.md 6.2), and the bundled default's file itself. */
class NoiseCalibrationTest {
    private static final String BUNDLED = "/org/ddlm/diffusion/prior/default/" + NoiseCalibration.FILE;

    @TempDir
    Path tmp;

    private static JsonObject bundledJson() throws Exception {
        try (InputStream in = NoiseCalibrationTest.class.getResourceAsStream(BUNDLED)) {
            assertTrue(in != null, "the default prior ships " + BUNDLED);
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** forModel("default") returns exactly the numbers in the bundled file, and they are a real calibration. */
    @Test
    void bundledDefaultIsCalibrated() throws Exception {
        JsonObject json = bundledJson();
        NoiseCalibration c = NoiseCalibration.forModel("default");
        assertTrue(c.calibrated());
        assertEquals(json.get("kappa").getAsDouble(), c.kappa(), 0.0);
        assertEquals(json.get("reference_hh_hu").getAsDouble(), c.referenceHh(), 0.0);
        assertEquals(json.get("description").getAsString(), c.description());
        assertEquals(json.get("reference_total_hu").getAsDouble(), c.referenceTotal(), 0.0);
        assertEquals(c.referenceTotal(), c.estimator(Double.NaN).floor().priorLevel(), 0.0);
        assertEquals(c.referenceHh(), c.estimator(Double.NaN).floor().priorHh(), 0.0);
        assertEquals(c.referenceTotal() * Math.sqrt(5.0), c.estimator(1.0).floor().priorLevel(), 1e-12);
        // Normal-dose soft tissue: about 5-25 HU of image-domain noise, more than its HH part (CT noise is not white).
        assertTrue(c.referenceTotal() > c.referenceHh() && c.referenceTotal() < 25.0, "sigma_ref " + c.referenceTotal());
        // The c_t curve: the smoothest texture starts highest.
        double[] f = c.timeFactors().factor();
        assertTrue(f[0] >= f[f.length - 1], c.timeFactors().toString());
        // Reconstructed CT noise is low-pass correlated, so the HH band sees less of it than white noise: κ > 1.
        assertTrue(c.kappa() > 1.0 && c.kappa() < 4.0, "kappa " + c.kappa());
        // Normal-dose CT noise in the HH band: a few HU to a few tens of HU.
        assertTrue(c.referenceHh() > 2.0 && c.referenceHh() < 60.0, "sigma_ref,HH " + c.referenceHh());
    }

    /** The median of one number over the file's per-series table, each series counted once (by hand). */
    private static double perSeriesMedian(JsonObject json, String key) {
        List<Double> values = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("per_series")) {
            values.add(e.getAsJsonObject().get(key).getAsDouble());
        }
        assertTrue(values.size() >= 3, "calibrated on " + values.size() + " series");
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    /** The stored κ is the median of the per-series κ (the unknown-kernel rule), as the file's own table shows. */
    @Test
    void bundledKappaIsTheMedianOfItsSeries() throws Exception {
        JsonObject json = bundledJson();
        assertEquals(perSeriesMedian(json, "kappa"), json.get("kappa").getAsDouble(), 1e-12);
    }

    /** The bundled σ_ref holds at the median of its series' slice thicknesses. */
    @Test
    void bundledReferenceThicknessIsTheMedianOfItsSeries() throws Exception {
        JsonObject json = bundledJson();
        double median = perSeriesMedian(json, "slice_thickness_mm");
        assertEquals(median, json.get("reference_thickness_mm").getAsDouble(), 1e-12);
        assertEquals(median, NoiseCalibration.forModel("default").referenceThicknessMm(), 1e-12);
    }

    @Test
    void fileBesideAModelFolderIsRead() throws Exception {
        Files.writeString(tmp.resolve("model.json"), "{}");
        Files.writeString(tmp.resolve(NoiseCalibration.FILE),
                "{\"kappa\": 1.75, \"reference_hh_hu\": 8.5, \"description\": \"test\", \"extra\": [1, 2]}");
        NoiseCalibration c = NoiseCalibration.forModel(tmp.toString());
        // A file from before sigma_ref was measured: sigma_ref = kappa x sigma_ref,HH, the default c_t throughout.
        assertEquals(new NoiseCalibration(1.75, 8.5, 1.75 * 8.5, Double.NaN, TimeFactorCurve.constant(2.0), "test"),
                c);
        assertEquals(1.0, c.floor().withThickness(1.0).thicknessScale(), 0.0); // no thickness recorded: not scaled
        assertTrue(c.calibrated());
        assertEquals(1.75 * 8.5, c.estimator(1.0).floor().priorLevel(), 1e-12); // no thickness recorded: unscaled
    }

    @Test
    void modelWithoutAFileIsUncalibratedWhiteNoise() throws Exception {
        Files.writeString(tmp.resolve("model.json"), "{}");
        NoiseCalibration c = NoiseCalibration.forModel(tmp.toString());
        assertSame(NoiseCalibration.UNCALIBRATED, c);
        assertFalse(c.calibrated());
        assertEquals(1.0, c.kappa(), 0.0);
        assertEquals(0.0, c.referenceHh(), 0.0);
    }

    @Test
    void jsonRoundTrip() throws Exception {
        NoiseCalibration c = new NoiseCalibration(1.234567890123, 11.0625, 13.75, 2.5,
                new TimeFactorCurve(new double[] {0.35, 0.9}, new double[] {2.25, 1.125}), "data \"x\", 2026-01-01");
        assertEquals(c, NoiseCalibration.parse(c.toJson(), "round trip"));
        NoiseCalibration unknown = new NoiseCalibration(1.5, 8.0, 12.0, Double.NaN, TimeFactorCurve.constant(2.0),
                "old");
        assertFalse(unknown.toJson().contains("reference_thickness_mm"), unknown.toJson());
        assertEquals(unknown, NoiseCalibration.parse(unknown.toJson(), "round trip"));
    }

    @Test
    void badFilesAreReportedWithTheirSource() {
        ModelException missing = assertThrows(ModelException.class,
                () -> NoiseCalibration.parse("{\"kappa\": 1.5}", "my.json"));
        assertTrue(missing.getMessage().contains("my.json") && missing.getMessage().contains("reference_hh_hu"),
                missing.getMessage());
        assertThrows(ModelException.class,
                () -> NoiseCalibration.parse("{\"kappa\": 0, \"reference_hh_hu\": 5}", "zero.json"));
        assertThrows(ModelException.class, () -> NoiseCalibration.parse("[1, 2]", "array.json"));
        assertThrows(ModelException.class, () -> NoiseCalibration.parse(
                "{\"kappa\": 1.5, \"reference_hh_hu\": 5, \"reference_thickness_mm\": 0}", "thin.json"));
        assertThrows(ModelException.class, () -> NoiseCalibration.parse("not json {", "junk.json"));
    }
}
