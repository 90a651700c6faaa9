package org.ddlm.validation.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.SkimageVectors;
import org.ddlm.validation.metrics.TinyJson;
import org.ddlm.validation.metrics.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four report files of metrics.md section 9, checked against the scikit-image vectors and closed forms. */
class ReportWriterTest {

    private static final String HEADER = "slice_index,z_mm,instance_number,test_sop_uid,ref_sop_uid,window,W,L,"
            + "psnr_db,ssim,rmse_hu,rmse_hu_clipped,mae_hu,mean_test_hu,mean_ref_hu,input_psnr_db,input_ssim,"
            + "input_rmse_hu,masked,mask_fraction,noise_sd_test_hu,noise_sd_ref_hu,noise_sd_input_hu,clamped_pixels";

    @TempDir
    Path dir;

    private static Map<String, Map<String, Object>> vectors() {
        Map<String, Map<String, Object>> m = new HashMap<>();
        for (Map<String, Object> c : SkimageVectors.cases()) {
            m.put((String) c.get("name"), c);
        }
        return m;
    }

    private static float[] floats(HuImage img) {
        return img.hu().clone();
    }

    private static float[] plus(float[] a, float d) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d;
        }
        return out;
    }

    private static SliceImage slice(String uid, float[] hu) {
        return new SliceImage(uid, new HuImage(64, 64, hu));
    }

    /** Rows of the CSV as maps, after checking the header and RFC 4180 line ends. */
    private static List<Map<String, String>> readCsv(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        String[] lines = text.split("\r\n");
        assertEquals(HEADER, lines[0]);
        String[] cols = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertEquals(cols.length, cells.length, lines[i]);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < cols.length; c++) {
                row.put(cols[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void writesFourFilesWhoseValuesMatchSkimageAndEachOther() throws Exception {
        Map<String, Map<String, Object>> v = vectors();
        String[] names = {"real64", "gauss64", "body64"};
        List<SlicePair> pairs = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> c = v.get(names[i]);
            float[] ref = floats(SkimageVectors.image(c, "b"));
            pairs.add(new SlicePair(i, -10 + 5 * i, 100 + i, slice("t" + i, floats(SkimageVectors.image(c, "a"))),
                    slice("r" + i, ref), slice("i" + i, plus(ref, 10)), i));
        }
        // Slice 3: test equals reference except in padding, where it holds garbage: still identical.
        float[] ref3 = floats(SkimageVectors.image(v.get("real64"), "b"));
        float[] test3 = ref3.clone();
        boolean[] pad = new boolean[64 * 64];
        for (int i = 0; i < 64 * 3; i++) {
            pad[i] = true;
            test3[i] = -3024;
        }
        pairs.add(new SlicePair(3, 5, null, new SliceImage("t3", new HuImage(64, 64, test3, pad)), slice("r3", ref3),
                slice("i3", plus(ref3, 10)), null));

        ReportRequest req = ReportRequest.builder(new SeriesInfo("/data/test", "1.2.3", "denoised", 4),
                        new SeriesInfo("/data/ref", "1.2.4", "full dose", 4))
                .input(new SeriesInfo("/data/low", "1.2.5", "quarter dose", 4))
                .pixelSpacing(0.8, 0.8).command("ddlm validate /data/test /data/ref --report out")
                .toolVersion("0.1.0").created(Instant.parse("2026-11-27T05:00:00Z"))
                .unmatched(List.of("test z=12.5")).problem("gap between z 0 and 5").setting("dose", "0.25").build();
        int[] calls = {0};
        ReportResult result = ReportWriter.write(req, SliceSource.of(pairs), dir, (done, total) -> calls[0]++);
        assertEquals(4, calls[0]);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("montage.png", "nps.png", "per_slice.csv", "psnr_ssim_per_slice.png", "summary.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }

        // CSV: one row per slice and window, values as skimage computed them.
        List<Map<String, String>> rows = readCsv(result.csv());
        assertEquals(4 * 3, rows.size());
        List<String> windows = List.of("abdomen", "wide", "full");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> c = v.get(names[i]);
            for (int w = 0; w < 3; w++) {
                Map<String, String> row = rows.get(i * 3 + w);
                Object exp = TinyJson.obj(c, "windows").get(windows.get(w));
                assertEquals(Integer.toString(i), row.get("slice_index"));
                assertEquals(windows.get(w), row.get("window"));
                assertEquals("t" + i, row.get("test_sop_uid"));
                assertEquals(Integer.toString(100 + i), row.get("instance_number"));
                assertEquals(TinyJson.num(exp, "psnr"), Double.parseDouble(row.get("psnr_db")), 1e-6);
                assertEquals(TinyJson.num(exp, "ssim"), Double.parseDouble(row.get("ssim")), 1e-6);
                assertEquals(TinyJson.num(exp, "rmse"), Double.parseDouble(row.get("rmse_hu")), 1e-6);
                assertEquals(TinyJson.num(exp, "rmse_clipped"), Double.parseDouble(row.get("rmse_hu_clipped")),
                        1e-6);
                assertEquals(TinyJson.num(exp, "mae"), Double.parseDouble(row.get("mae_hu")), 1e-6);
                assertEquals("10.000000", row.get("input_rmse_hu")); // input = reference + 10 HU
                assertEquals("false", row.get("masked"));
                assertEquals("", row.get("mask_fraction"));
                assertEquals("", row.get("noise_sd_test_hu"));
                assertEquals(Integer.toString(i), row.get("clamped_pixels"));
            }
        }
        for (int w = 0; w < 3; w++) {
            Map<String, String> row = rows.get(9 + w);
            assertEquals("inf", row.get("psnr_db"));
            assertEquals("1.000000", row.get("ssim"));
            assertEquals("0.000000", row.get("rmse_hu"));
            assertEquals("", row.get("instance_number"));
            assertEquals("", row.get("clamped_pixels"));
        }
        // An input 10 HU above a reference that lies inside the wide window: PSNR = 20 log10(2000 / 10).
        assertEquals(20 * Math.log10(200), Double.parseDouble(rows.get(1).get("input_psnr_db")), 1e-6);

        // JSON: structure, and series means equal to the means of the CSV columns.
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) TinyJson.parse(Files.readString(result.json()));
        assertEquals(List.of("tool", "version", "created", "command", "test", "reference", "input", "n_pairs",
                "unmatched", "windows", "metrics", "mask", "noise", "nps", "settings", "problems"),
                new ArrayList<>(json.keySet()));
        assertEquals("ddlm", json.get("tool"));
        assertEquals("2026-11-27T05:00:00Z", json.get("created"));
        assertEquals(4.0, json.get("n_pairs"));
        assertEquals(List.of("test z=12.5"), json.get("unmatched"));
        assertEquals(List.of("gap between z 0 and 5"), json.get("problems"));
        assertEquals("quarter dose", TinyJson.obj(json, "input").get("description"));
        assertEquals(Map.of("dose", "0.25"), json.get("settings"));
        Map<String, Object> abdomenWindow = TinyJson.obj(TinyJson.obj(json, "windows"), "abdomen");
        assertEquals(Map.of("W", 400.0, "L", 50.0, "lo", -150.0, "hi", 250.0), abdomenWindow);
        for (int w = 0; w < 3; w++) {
            String name = windows.get(w);
            Map<String, Object> m = TinyJson.obj(TinyJson.obj(json, "metrics"), name);
            double[] psnr = new double[3];
            double[] ssim = new double[4];
            double[] rmse = new double[4];
            double[] inPsnr = new double[4];
            double mse = 0;
            for (int i = 0; i < 4; i++) {
                Map<String, String> row = rows.get(i * 3 + w);
                if (i < 3) {
                    psnr[i] = Double.parseDouble(row.get("psnr_db"));
                }
                ssim[i] = Double.parseDouble(row.get("ssim"));
                rmse[i] = Double.parseDouble(row.get("rmse_hu"));
                inPsnr[i] = Double.parseDouble(row.get("input_psnr_db"));
                mse += rmse[i] * rmse[i] / 4;
            }
            assertEquals(mean(psnr), TinyJson.num(TinyJson.obj(m, "psnr_db"), "mean"), 1e-5, name);
            assertEquals(3.0, TinyJson.num(TinyJson.obj(m, "psnr_db"), "n"), name);
            assertEquals(Arrays.stream(psnr).min().orElseThrow(),
                    TinyJson.num(TinyJson.obj(m, "psnr_db"), "min"), 1e-5);
            assertEquals(mean(ssim), TinyJson.num(TinyJson.obj(m, "ssim"), "mean"), 1e-6, name);
            assertEquals(mean(rmse), TinyJson.num(TinyJson.obj(m, "rmse_hu"), "mean"), 1e-6, name);
            assertEquals(Math.sqrt(mse), TinyJson.num(m, "rmse_hu_series"), 1e-5, name);
            assertEquals(1.0, TinyJson.num(m, "n_identical"), name);
            Map<String, Object> in = TinyJson.obj(m, "input");
            assertEquals(mean(inPsnr), TinyJson.num(TinyJson.obj(in, "psnr_db"), "mean"), 1e-5, name);
            assertEquals(10.0, TinyJson.num(TinyJson.obj(in, "rmse_hu"), "mean"), 1e-9, name);
            // delta: mean of paired differences over slices where both PSNRs are finite (slice 3 is not)
            double delta = 0;
            for (int i = 0; i < 3; i++) {
                delta += (psnr[i] - inPsnr[i]) / 3;
            }
            assertEquals(delta, TinyJson.num(TinyJson.obj(m, "delta"), "psnr_db"), 1e-5, name);
        }
        assertEquals(false, TinyJson.obj(json, "mask").get("used"));
        assertNull(TinyJson.obj(json, "noise").get("roi"));

        // PNGs decode at the stated sizes.
        BufferedImage plot = ImageIO.read(result.plot().toFile());
        assertEquals(1200, plot.getWidth());
        assertEquals(900, plot.getHeight());
        BufferedImage montage = ImageIO.read(result.montage().toFile());
        assertNotNull(montage);
        assertEquals(2 * 20 + 4 * 384 + 3 * 10 + 110, montage.getWidth()); // 4 columns of 384 px panels + bar
        assertEquals(20 + 34 + 3 * (30 + 384 + 14) + 44, montage.getHeight()); // 3 rows
    }

    @Test
    void montageRowsAreLowestMedianAndHighestPsnr() throws Exception {
        Map<String, Map<String, Object>> v = vectors();
        float[] ref = floats(SkimageVectors.image(v.get("gauss64"), "b"));
        List<SlicePair> pairs = new ArrayList<>();
        float[] offsets = {30, 5, 60, 20, 10};
        for (int i = 0; i < offsets.length; i++) {
            pairs.add(new SlicePair(i, i, slice("t", plus(ref, offsets[i])), slice("r", ref), null));
        }
        ReportRequest req = ReportRequest.builder(new SeriesInfo(null, null, null, 5),
                new SeriesInfo(null, null, null, 5)).windows(List.of(Window.WIDE)).build();
        ReportResult r = ReportWriter.write(req, SliceSource.of(pairs), dir, org.ddlm.core.Progress.NONE);
        List<Montage.Row> rows = Montage.chooseRows(r.slices(), 0, null);
        // Larger offset, lower PSNR: lowest is slice 2 (60 HU), median slice 3 (20 HU), highest slice 1 (5 HU).
        assertEquals(List.of(2, 3, 1), rows.stream().map(Montage.Row::position).toList());
        // float32 addition rounds the 60 HU offset by up to ~1e-5 HU
        assertEquals(20 * Math.log10(2000 / 60.0), r.summaries().get(0).test().psnr().min(), 1e-6);
        assertEquals(List.of(4), Montage.chooseRows(r.slices(), 0, List.of(4)).stream()
                .map(Montage.Row::position).toList());
        assertThrows(ReportException.class, () -> Montage.chooseRows(r.slices(), 0, List.of(9)));
        // No input: three columns.
        BufferedImage montage = ImageIO.read(r.montage().toFile());
        assertEquals(2 * 20 + 3 * 384 + 2 * 10 + 110, montage.getWidth());
        // JSON without input: input and delta are null.
        Object m = TinyJson.obj(TinyJson.obj(TinyJson.parse(Files.readString(r.json())), "metrics"), "wide");
        assertNull(((Map<?, ?>) m).get("input"));
        assertNull(((Map<?, ?>) m).get("delta"));
    }

    @Test
    void maskedReportMatchesSkimageMapOverMaskAndFlagsEmptyMasks() throws Exception {
        Map<String, Object> c = vectors().get("body64");
        float[] ref = floats(SkimageVectors.image(c, "b"));
        float[] air = new float[64 * 64];
        Arrays.fill(air, -1000);
        List<SlicePair> pairs = List.of(
                new SlicePair(0, 0, slice("t0", floats(SkimageVectors.image(c, "a"))), slice("r0", ref), null),
                new SlicePair(1, 5, slice("t1", plus(air, 3)), slice("r1", air), null));
        ReportRequest req = ReportRequest.builder(new SeriesInfo(null, null, null, 2),
                new SeriesInfo(null, null, null, 2)).windows(List.of(Window.ABDOMEN, Window.CHEST))
                .bodyMask(true).build();
        ReportResult r = ReportWriter.write(req, SliceSource.of(pairs), dir, org.ddlm.core.Progress.NONE);
        List<Map<String, String>> rows = readCsv(r.csv());
        Object exp = TinyJson.obj(c, "windows").get("abdomen");
        assertEquals("true", rows.get(0).get("masked"));
        assertEquals(TinyJson.num(exp, "ssim_masked"), Double.parseDouble(rows.get(0).get("ssim")), 1e-6);
        assertEquals(TinyJson.num(exp, "psnr_masked"), Double.parseDouble(rows.get(0).get("psnr_db")), 1e-6);
        assertEquals(TinyJson.num(exp, "mask_fraction"), Double.parseDouble(rows.get(0).get("mask_fraction")),
                1e-6);
        assertEquals(TinyJson.num(TinyJson.obj(c, "windows").get("chest"), "ssim_masked"),
                Double.parseDouble(rows.get(1).get("ssim")), 1e-6);
        // The all-air slice has an empty mask: empty cells, a problem, and no part in the means.
        Map<String, String> empty = rows.get(2);
        assertEquals("", empty.get("psnr_db"));
        assertEquals("", empty.get("ssim"));
        assertEquals("0.000000", empty.get("mask_fraction"));
        Object json = TinyJson.parse(Files.readString(r.json()));
        Map<String, Object> abd = TinyJson.obj(TinyJson.obj(json, "metrics"), "abdomen");
        assertEquals(1.0, TinyJson.num(abd, "n_excluded"));
        assertEquals(TinyJson.num(exp, "ssim_masked"), TinyJson.num(TinyJson.obj(abd, "ssim"), "mean"), 1e-12);
        assertEquals(-500.0, TinyJson.num(TinyJson.obj(json, "mask"), "threshold"));
        assertTrue(((List<?>) ((Map<?, ?>) json).get("problems")).get(0).toString().contains("empty body mask"));
        assertEquals(1, r.problems().size());
    }

    @Test
    void noiseColumnsAreTheSampleSdInTheRoi() throws Exception {
        // Reference: 10 and 30 HU alternating by column, so inside a rectangle of even width the sample SD is
        // 10 sqrt(n / (n - 1)); test: constant, SD 0.
        float[] ref = new float[64 * 64];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (i % 2 == 0) ? 10 : 30;
        }
        float[] test = new float[64 * 64];
        Arrays.fill(test, 20);
        ReportRequest req = ReportRequest.builder(new SeriesInfo(null, null, null, 1),
                new SeriesInfo(null, null, null, 1)).noiseRoi(new Roi.Rectangle(10, 10, 20, 10)).build();
        ReportResult r = ReportWriter.write(req, SliceSource.of(List.of(
                new SlicePair(0, 0, slice("t,\"1\"", test), slice("r", ref), null))), dir, org.ddlm.core.Progress.NONE);
        // RFC 4180: a cell with a comma or quote is quoted, quotes doubled.
        String csv = Files.readString(r.csv());
        assertTrue(csv.contains("\r\n0,0.000000,,\"t,\"\"1\"\"\",r,abdomen,"), csv);
        Files.writeString(r.csv(), csv.replace("\"t,\"\"1\"\"\"", "t1")); // so that the simple reader below works
        Map<String, String> row = readCsv(r.csv()).get(0);
        int n = 200;
        assertEquals(10 * Math.sqrt(n / (n - 1.0)), Double.parseDouble(row.get("noise_sd_ref_hu")), 1e-6);
        assertEquals("0.000000", row.get("noise_sd_test_hu"));
        assertEquals("", row.get("noise_sd_input_hu"));
        Object noise = TinyJson.obj(TinyJson.parse(Files.readString(r.json())), "noise");
        assertEquals("10,10,20,10", ((Map<?, ?>) noise).get("roi"));
        assertEquals(10 * Math.sqrt(n / (n - 1.0)), TinyJson.num(TinyJson.obj(noise, "sd_ref"), "mean"), 1e-12);
    }

    @Test
    void gridMismatchIsRefusedAndLeavesNoFiles() throws Exception {
        float[] a = new float[64 * 64];
        float[] b = new float[64 * 60];
        ReportRequest req = ReportRequest.builder(new SeriesInfo(null, null, null, 1),
                new SeriesInfo(null, null, null, 1)).build();
        ReportException e = assertThrows(ReportException.class, () -> ReportWriter.write(req, SliceSource.of(
                List.of(new SlicePair(0, 0, slice("t", a), new SliceImage("r", new HuImage(64, 60, b)), null))), dir,
                org.ddlm.core.Progress.NONE));
        assertTrue(e.getMessage().contains("resample first"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertThrows(ReportException.class, () -> ReportWriter.write(req, SliceSource.of(List.of()), dir,
                org.ddlm.core.Progress.NONE));
    }

    @Test
    void rewritingReplacesTheFilesAndAnUnwritableFolderIsReported() throws Exception {
        Map<String, Object> c = vectors().get("gauss64");
        float[] ref = floats(SkimageVectors.image(c, "b"));
        List<SlicePair> pairs = List.of(new SlicePair(0, 0, slice("t", plus(ref, 4)), slice("r", ref), null));
        ReportRequest req = ReportRequest.builder(new SeriesInfo(null, null, null, 1),
                new SeriesInfo(null, null, null, 1)).build();
        ReportWriter.write(req, SliceSource.of(pairs), dir, org.ddlm.core.Progress.NONE);
        byte[] first = Files.readAllBytes(dir.resolve(ReportWriter.CSV));
        List<SlicePair> other = List.of(new SlicePair(0, 0, slice("t", plus(ref, 8)), slice("r", ref), null));
        ReportWriter.write(req, SliceSource.of(other), dir, org.ddlm.core.Progress.NONE);
        byte[] second = Files.readAllBytes(dir.resolve(ReportWriter.CSV));
        assertFalse(Arrays.equals(first, second));
        assertTrue(new String(second, StandardCharsets.UTF_8).contains(",8.000000,"));
        // A regular file where the folder should be: a ReportException that names the folder.
        Path blocked = Files.writeString(dir.resolve("blocked"), "x");
        ReportException e = assertThrows(ReportException.class,
                () -> ReportWriter.write(req, SliceSource.of(pairs), blocked.resolve("sub"), org.ddlm.core.Progress.NONE));
        assertTrue(e.getMessage().contains("blocked"), e.getMessage());
    }

    @Test
    void aCancelledProgressStopsAfterTheSliceItWasCancelledAtAndWritesNothing() throws Exception {
        Map<String, Object> c = vectors().get("gauss64");
        float[] ref = floats(SkimageVectors.image(c, "b"));
        List<SlicePair> pairs = List.of(new SlicePair(0, 0, slice("t", plus(ref, 4)), slice("r", ref), null),
                new SlicePair(1, 1, slice("t", plus(ref, 4)), slice("r", ref), null),
                new SlicePair(2, 2, slice("t", plus(ref, 4)), slice("r", ref), null));
        ReportRequest req = ReportRequest.builder(new SeriesInfo(null, null, null, 3),
                new SeriesInfo(null, null, null, 3)).build();
        List<Integer> measured = new java.util.ArrayList<>();
        org.ddlm.core.Progress cancelAfterTwo = org.ddlm.core.Progress.of((done, total) -> measured.add(done),
                () -> measured.size() >= 2);
        Path out = dir.resolve("cancelled");
        java.util.concurrent.CancellationException e = assertThrows(java.util.concurrent.CancellationException.class,
                () -> ReportWriter.write(req, SliceSource.of(pairs), out, cancelAfterTwo));
        assertEquals(List.of(1, 2), measured);
        assertTrue(e.getMessage().contains("after 2 of 3 slices"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void jsonWriterEscapesAndWritesNonFiniteAsNull() {
        String s = new JsonWriter().beginObject().field("a\"b", "x\\y\n").field("inf", Double.POSITIVE_INFINITY)
                .name("list").beginArray().value(1.5).value(true).endArray().name("e").beginObject().endObject()
                .endObject().toString();
        Object o = TinyJson.parse(s);
        assertEquals("x\\y\n", ((Map<?, ?>) o).get("a\"b"));
        assertNull(((Map<?, ?>) o).get("inf"));
        assertTrue(((Map<?, ?>) o).containsKey("inf"));
        assertEquals(List.of(1.5, true), ((Map<?, ?>) o).get("list"));
        assertEquals(Map.of(), ((Map<?, ?>) o).get("e"));
    }

    @Test
    void panelsKeepThePhysicalAspectRatio() {
        assertArrayEquals(new int[] {512, 512}, Montage.panelSize(512, 512, 0.8, 0.8));
        assertArrayEquals(new int[] {384, 384}, Montage.panelSize(64, 64, 0.8, 0.8));
        int[] p = Montage.panelSize(100, 100, 1.0, 0.5); // pixels twice as wide as tall
        assertEquals(2.0, p[0] / (double) p[1], 1e-9);
        assertEquals(384, p[1]);
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElseThrow();
    }
}
