package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddlm noise} on slices of known noise: a 40 HU disk in air with white Gaussian noise of 10, 20 and 60 HU
 * (a real header with its pixels replaced). Each slice's total noise must read its own σ, and the median the middle
 * one, 20 HU: the value a user would give {@code denoise --normal-dose-noise}.
 */
class NoiseCommandTest {
    @TempDir
    Path tmp;

    @Test
    void eachSliceReadsItsWhiteNoiseAndTheMedianIsTheMiddleOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("series"));
        double[] sigmas = {10.0, 60.0, 20.0};
        for (int k = 0; k < sigmas.length; k++) {
            writeSlice(dir.resolve("s" + k + ".dcm"), k, sigmas[k]);
        }
        CliRun run = CliRun.of("noise", dir.toString());
        assertEquals(0, run.exit(), run.err());
        for (int k = 0; k < sigmas.length; k++) {
            Matcher m = Pattern.compile("s" + k + "\\.dcm\\s+([0-9.]+)").matcher(run.out());
            assertTrue(m.find(), run.out());
            assertEquals(sigmas[k], Double.parseDouble(m.group(1)), 0.05 * sigmas[k], run.out());
        }
        Matcher median = Pattern.compile("median total noise ([0-9.]+) HU over 3 of 3 slices").matcher(run.out());
        assertTrue(median.find(), run.out());
        assertEquals(20.0, Double.parseDouble(median.group(1)), 1.0, run.out());
        CliRun json = CliRun.of("noise", dir.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        com.google.gson.JsonObject o = Fixtures.jsonLine(json);
        assertEquals(Double.parseDouble(median.group(1)), o.get("median_total_hu").getAsDouble(), 0.005);
        assertEquals(3, o.get("measured_slices").getAsInt());
        // The slices say 1.25 mm: the prior's σ_ref (at its data's 5 mm) doubles, √(5/1.25) = 2.
        NoiseCalibration prior = NoiseCalibration.forModel("default");
        assertEquals(1.25, o.get("slice_thickness_mm").getAsDouble(), 0.0);
        assertEquals(2.0 * prior.referenceTotal(), o.get("prior_normal_dose_hu").getAsDouble(), 1e-9);
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "slice thickness 1.25 mm: without "
                + "--normal-dose-noise denoise takes off the prior's %.2f HU", 2.0 * prior.referenceTotal())),
                run.out());
        for (com.google.gson.JsonElement e : o.getAsJsonArray("slices")) {
            com.google.gson.JsonObject row = e.getAsJsonObject();
            double sigma = sigmas[Integer.parseInt(row.get("file").getAsString().replaceAll("\\D", ""))];
            assertEquals(sigma, row.get("total_hu").getAsDouble(), 0.05 * sigma, json.out());
        }
    }

    @Test
    void aSeriesWithoutSoftTissueIsBadInputNamingTheFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("air"));
        writeSlice(dir.resolve("air.dcm"), 0, Double.NaN);
        CliRun run = CliRun.of("noise", dir.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains(dir.toString()) && run.err().contains("no slice has soft tissue"), run.err());
    }

    @Test
    void eachSliceOfAMixedSeriesShowsThePriorLevelAtItsOwnThickness() throws Exception {
        // As a GE head protocol mixes 4 and 7 mm: here 1.25 mm slices and one of 5 mm, the prior data's thickness.
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        writeSlice(dir.resolve("s0.dcm"), 0, 20.0);
        writeSlice(dir.resolve("s1.dcm"), 1, 20.0, "5");
        writeSlice(dir.resolve("s2.dcm"), 2, 20.0);
        NoiseCalibration prior = NoiseCalibration.forModel("default");
        CliRun json = CliRun.of("noise", dir.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        com.google.gson.JsonArray rows = Fixtures.jsonLine(json).getAsJsonArray("slices");
        double[] mm = {1.25, 5.0, 1.25};
        for (int k = 0; k < mm.length; k++) {
            com.google.gson.JsonObject row = rows.get(k).getAsJsonObject();
            assertEquals(mm[k], row.get("slice_thickness_mm").getAsDouble(), 0.0, json.out());
            // sqrt(5 / 1.25) = 2 for the thin slices, 1 for the 5 mm one.
            assertEquals(prior.referenceTotal() * (mm[k] == 5.0 ? 1.0 : 2.0),
                    row.get("prior_normal_dose_hu").getAsDouble(), 1e-9, json.out());
        }
        CliRun run = CliRun.of("noise", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "slice thickness 1.25 to 5.00 mm: "
                + "without --normal-dose-noise denoise takes off the prior's level at each slice's thickness, %.2f "
                + "to %.2f HU", prior.referenceTotal(), 2.0 * prior.referenceTotal())), run.out());
    }

    /**
     * A low-dose/full-dose pair of known noise: the full dose has white noise of 10 HU, the low dose the same noise
     * plus its own 30 HU. So the true excess is 30 HU, the reference's own noise 10 HU and the effective dose
     * 10^2 / (10^2 + 30^2) = 0.1 (closed forms). The estimate takes off the prior's level at 1.25 mm, twice its 5 mm
     * sigma_ref, unless the protocol's own 10 HU is given: then it must read the 30 HU.
     */
    @Test
    void aFullDoseReferenceGivesEachSliceItsTrueExcessAndEffectiveDose() throws Exception {
        Path low = Files.createDirectories(tmp.resolve("low"));
        Path full = Files.createDirectories(tmp.resolve("full"));
        for (int k = 0; k < 3; k++) {
            writeSlice(full.resolve("f" + k + ".dcm"), k, "1.25", 0.0, new double[] {10.0}, new long[] {100 + k});
            writeSlice(low.resolve("l" + k + ".dcm"), k, "1.25", 0.0, new double[] {10.0, 30.0},
                    new long[] {100 + k, 200 + k});
        }
        CliRun run = CliRun.of("noise", low.toString(), "--reference", full.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        com.google.gson.JsonObject o = Fixtures.jsonLine(run);
        double priorLevel = 2.0 * NoiseCalibration.forModel("default").referenceTotal();
        double[] ownEstimates = new double[3];
        int k = 0;
        for (com.google.gson.JsonElement e : o.getAsJsonArray("slices")) {
            com.google.gson.JsonObject row = e.getAsJsonObject();
            assertEquals("f" + k + ".dcm", row.get("reference_file").getAsString(), "paired by position");
            assertEquals(30.0, row.get("true_excess_hu").getAsDouble(), 0.3, run.out());
            assertEquals(10.0, row.get("reference_noise_hu").getAsDouble(), 0.5, run.out());
            assertEquals(0.1, row.get("effective_dose").getAsDouble(), 0.01, run.out());
            double total = row.get("total_hu").getAsDouble();
            assertEquals(Math.hypot(10.0, 30.0), total, 0.05 * Math.hypot(10.0, 30.0), run.out());
            // The prior's floor (below total/sqrt 2 here) off each slice's total, then the median over the slices.
            ownEstimates[k++] = Math.sqrt(total * total - priorLevel * priorLevel);
        }
        java.util.Arrays.sort(ownEstimates);
        double estimate = ownEstimates[1];
        for (com.google.gson.JsonElement e : o.getAsJsonArray("slices")) {
            com.google.gson.JsonObject row = e.getAsJsonObject();
            assertEquals(estimate, row.get("excess_estimate_hu").getAsDouble(), 1e-6, run.out());
            assertEquals(estimate / row.get("true_excess_hu").getAsDouble(), row.get("estimate_ratio").getAsDouble(),
                    1e-9);
        }
        com.google.gson.JsonObject check = o.getAsJsonObject("reference_check");
        assertEquals(3, check.get("paired_slices").getAsInt());
        // About x0.82: a protocol quieter than the prior's data at that thickness reads low.
        assertEquals(0, check.get("estimate_within_15pct").getAsInt(), run.out());
        assertEquals(3, check.get("estimate_within_20pct").getAsInt(), run.out());
        assertEquals(0.1, check.get("median_effective_dose").getAsDouble(), 0.01);

        CliRun given = CliRun.of("noise", low.toString(), "--reference", full.toString(), "--normal-dose-noise", "10");
        assertEquals(0, given.exit(), given.err());
        Matcher m = Pattern.compile("estimate / true excess median x([0-9.]+), within 15 % on 3, 20 % on 3, 25 % on 3 "
                + "of 3 paired slices; median effective dose 10 %").matcher(given.out());
        assertTrue(m.find(), given.out());
        assertEquals(1.0, Double.parseDouble(m.group(1)), 0.05, given.out());
    }

    @Test
    void aReferenceAtOtherPositionsIsBadInputNamingIt() throws Exception {
        Path low = Files.createDirectories(tmp.resolve("low"));
        Path full = Files.createDirectories(tmp.resolve("elsewhere"));
        writeSlice(low.resolve("l.dcm"), 0, "1.25", 0.0, new double[] {10.0, 30.0}, new long[] {1, 2});
        writeSlice(full.resolve("f.dcm"), 0, "1.25", 40.0, new double[] {10.0}, new long[] {1});
        CliRun run = CliRun.of("noise", low.toString(), "--reference", full.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("--reference " + full) && run.err().contains("no test slice lies within"),
                run.err());
        assertEquals("", run.out(), "nothing printed before the error");
    }

    private static void writeSlice(Path file, int k, double sigma) throws Exception {
        writeSlice(file, k, sigma, "1.25");
    }

    /**
     * Slice k at z = 5k mm and {@code thicknessMm} thick: air, and unless sigma is NaN a 40 HU disk of radius 200 px
     * with white noise sigma.
     */
    private static void writeSlice(Path file, int k, double sigma, String thicknessMm) throws Exception {
        writeSlice(file, k, thicknessMm, 0.0, Double.isNaN(sigma) ? null : new double[] {sigma},
                new long[] {100 + k});
    }

    /**
     * Slice k at z = 5k + zShiftMm mm, {@code thicknessMm} thick: air, and unless sigmas is null a 40 HU disk of
     * radius 200 px with the sum of white noises sigmas[j], each drawn from its own stream seeds[j] (a low-dose slice
     * shares its full-dose partner's stream and adds one of its own).
     */
    private static void writeSlice(Path file, int k, String thicknessMm, double zShiftMm, double[] sigmas,
                                   long[] seeds) throws Exception {
        AttributeList list = new AttributeList();
        list.read(Fixtures.dicomFiles(DenoiseCommandTest.sample("sim-25pct-dose")).get(0).toString());
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int cols = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        double slope = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleSlope, 1.0);
        double intercept = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleIntercept, 0.0);
        Random[] random = new Random[sigmas == null ? 0 : sigmas.length];
        for (int j = 0; j < random.length; j++) {
            random[j] = new Random(seeds[j]);
        }
        short[] stored = new short[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dx = x - cols / 2.0;
                double dy = y - rows / 2.0;
                boolean body = sigmas != null && dx * dx + dy * dy < 200.0 * 200.0;
                double hu = body ? 40.0 : -1000.0;
                for (int j = 0; body && j < random.length; j++) {
                    hu += sigmas[j] * random[j].nextGaussian();
                }
                stored[y * cols + x] = (short) Math.round((hu - intercept) / slope);
            }
        }
        Attribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(stored);
        list.put(pixels);
        Attribute uid = new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID);
        uid.addValue("2.25.4711" + k + (seeds == null || seeds.length < 2 ? "" : "0" + seeds[seeds.length - 1]));
        list.put(uid);
        Attribute instance = new IntegerStringAttribute(TagFromName.InstanceNumber);
        instance.addValue(k + 1);
        list.put(instance);
        String[] position = Attribute.getDelimitedStringValuesOrEmptyString(list, TagFromName.ImagePositionPatient)
                .split("\\\\");
        Attribute moved = new DecimalStringAttribute(TagFromName.ImagePositionPatient);
        moved.addValue(position[0]);
        moved.addValue(position[1]);
        moved.addValue(Double.parseDouble(position[2]) + 5.0 * k + zShiftMm);
        list.put(moved);
        list.remove(TagFromName.SliceLocation);
        Attribute thickness = new DecimalStringAttribute(TagFromName.SliceThickness);
        thickness.addValue(thicknessMm);
        list.put(thickness);
        list.write(file.toString(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }
}
