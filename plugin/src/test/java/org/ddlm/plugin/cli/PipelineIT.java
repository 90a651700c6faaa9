package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipelines/Snakefile end to end with the real launcher (after {@code package}, so failsafe): a tree with the
 * abdomen sample and its full-dose scan (a pair, found through ReferencedSeriesSequence), the chest sample without
 * its reference, and a copy of the chest sample with a truncated file. With --keep-going two series finish and the
 * broken one fails with exit code 1 and the file named in its log and in summary.csv; once repaired only it reruns;
 * then nothing is to be done; after one series' output is deleted only that series reruns. One sampler step and one
 * view (config denoise_args) keep the four denoise runs short; the path is the real one.
 */
class PipelineIT {
    private static final Pattern JOB = Pattern.compile("rule denoise:\\s*\\n\\s*output: (\\S+)");

    @TempDir
    Path tmp;

    record Run(int exit, String log) {
        /** The series whose denoise job ran, by name. */
        List<String> denoised() {
            List<String> names = new ArrayList<>();
            Matcher m = JOB.matcher(log);
            while (m.find()) {
                names.add(Path.of(m.group(1)).getFileName().toString());
            }
            return names;
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("ddlm.root", "..")).toAbsolutePath().normalize();
    }

    private static void require(boolean ok, String why) {
        if (!ok && "true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.assumeTrue(ok, why);
    }

    private Run snakemake(Path work, boolean keepGoing) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("snakemake", "-s", root().resolve("pipelines/Snakefile").toString(),
                "--cores", "2", "--config", "in=" + tmp.resolve("tree"), "out=OUT", "threads=1", "mem_mb=4000",
                "java_heap_mb=2048", "denoise_args=--steps 1 --flips 1"));
        if (keepGoing) {
            cmd.add("--keep-going");
        }
        return run(work, cmd);
    }

    private static Run run(Path work, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(1200, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("snakemake did not finish in 20 minutes");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (Path f : Fixtures.dicomFiles(from)) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static Map<String, FileTime> finished(Path out, List<String> names) throws Exception {
        Map<String, FileTime> m = new HashMap<>();
        for (String n : names) {
            m.put(n, Files.getLastModifiedTime(out.resolve("series").resolve(n).resolve("series.json")));
        }
        return m;
    }

    @Test
    void keepGoingListsTheFailureRetriesItAloneAndRerunsOnlyWhatIsMissing() throws Exception {
        require(new ProcessBuilder("snakemake", "--version").start().waitFor() == 0, "snakemake (Debian) is needed");
        Path samples = root().resolve("sample-scans");
        Path tree = tmp.resolve("tree");
        copyFolder(samples.resolve("abdomen-ge-lightspeed16/full-dose"), tree.resolve("abdomen/full"));
        copyFolder(samples.resolve("abdomen-ge-lightspeed16/sim-25pct-dose"), tree.resolve("abdomen/low"));
        copyFolder(samples.resolve("chest-philips-brilliance16/sim-25pct-dose"), tree.resolve("chest/low"));
        copyFolder(samples.resolve("chest-philips-brilliance16/sim-25pct-dose"), tree.resolve("broken/low"));
        Path broken = Fixtures.dicomFiles(tree.resolve("broken/low")).get(2);
        byte[] good = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(good, 60000));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path out = work.resolve("OUT");

        // 1. Two series finish, the broken one fails its job with exit code 1 and is listed.
        Run first = snakemake(work, true);
        assertNotEquals(0, first.exit(), first.log());
        assertEquals(List.of("abdomen__low", "broken__low", "chest__low"), first.denoised().stream().sorted().toList(),
                first.log());
        JsonArray listing = JsonParser.parseString(Files.readString(out.resolve("series.json"))).getAsJsonArray();
        Map<String, JsonObject> jobs = new HashMap<>();
        listing.forEach(e -> jobs.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
        assertEquals(3, jobs.size(), "the full-dose scan is a reference, not a job: " + listing);
        assertEquals(tree.resolve("abdomen/full").toString(), jobs.get("abdomen__low").get("reference").getAsString());
        assertTrue(jobs.get("chest__low").get("reference").isJsonNull());
        assertFalse(Files.exists(out.resolve("series/broken__low")), "a failed job leaves no output");
        JsonObject status = json(out.resolve("logs/broken__low.status.json"));
        assertEquals(1, status.get("exit_code").getAsInt());
        assertTrue(status.get("error").getAsString().startsWith("ddlm: error: " + broken), status.toString());
        assertTrue(Files.readString(out.resolve("logs/broken__low.log")).contains("ddlm: error: " + broken));
        CsvTable summary = CsvTable.parse(Files.readString(out.resolve("summary.csv")));
        checkSummary(summary, out, List.of("abdomen__low", "chest__low"));
        int b = row(summary, "broken__low");
        assertEquals("failed", summary.get(b, "status"));
        assertEquals("1", summary.get(b, "exit_code"));
        assertEquals(status.get("error").getAsString(), summary.get(b, "error"));
        BufferedImage png = ImageIO.read(out.resolve("psnr_gain.png").toFile());
        assertEquals(1200, png.getWidth());

        // 2. Repaired, only the failed series runs again; the finished ones are kept.
        Files.write(broken, good);
        Map<String, FileTime> before = finished(out, List.of("abdomen__low", "chest__low"));
        Run second = snakemake(work, false);
        assertEquals(0, second.exit(), second.log());
        assertEquals(List.of("broken__low"), second.denoised(), second.log());
        assertEquals(before, finished(out, List.of("abdomen__low", "chest__low")));
        summary = CsvTable.parse(Files.readString(out.resolve("summary.csv")));
        checkSummary(summary, out, List.of("abdomen__low", "broken__low", "chest__low"));

        // 3. Nothing to do.
        Run third = snakemake(work, false);
        assertEquals(0, third.exit(), third.log());
        assertTrue(third.log().contains("Nothing to be done"), third.log());

        // 4. One series' output deleted: only it reruns.
        org.ddlm.dicom.OutputFolder.deleteTree(out.resolve("series/chest__low"));
        before = finished(out, List.of("abdomen__low", "broken__low"));
        Run fourth = snakemake(work, false);
        assertEquals(0, fourth.exit(), fourth.log());
        assertEquals(List.of("chest__low"), fourth.denoised(), fourth.log());
        assertEquals(before, finished(out, List.of("abdomen__low", "broken__low")));
        checkSummary(CsvTable.parse(Files.readString(out.resolve("summary.csv"))), out,
                List.of("abdomen__low", "broken__low", "chest__low"));
    }

    @Test
    void aManifestGivesOneJobPerRowWithItsReference() throws Exception {
        require(new ProcessBuilder("snakemake", "--version").start().waitFor() == 0, "snakemake (Debian) is needed");
        Path samples = root().resolve("sample-scans");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("series.csv"), "name,lowdose,reference\n"
                + "abdomen," + samples.resolve("abdomen-ge-lightspeed16/sim-25pct-dose") + ","
                + samples.resolve("abdomen-ge-lightspeed16/full-dose") + "\n"
                + "," + samples.resolve("chest-philips-brilliance16/sim-25pct-dose") + ",\n");
        Run dry = run(work, List.of("snakemake", "-n", "-p", "-s", root().resolve("pipelines/Snakefile").toString(),
                "--cores", "2", "--config", "manifest=series.csv", "out=OUT"));
        assertEquals(0, dry.exit(), dry.log());
        JsonArray listing = JsonParser.parseString(Files.readString(work.resolve("OUT/series.json"))).getAsJsonArray();
        assertEquals(2, listing.size(), listing.toString());
        JsonObject abdomen = listing.get(0).getAsJsonObject();
        assertEquals("abdomen", abdomen.get("name").getAsString());
        assertEquals(samples.resolve("abdomen-ge-lightspeed16/full-dose").toString(),
                abdomen.get("reference").getAsString());
        JsonObject chest = listing.get(1).getAsJsonObject();
        assertTrue(chest.get("name").getAsString().endsWith("chest-philips-brilliance16__sim-25pct-dose"),
                chest.toString());
        assertTrue(chest.get("reference").isJsonNull());
        assertEquals(List.of("abdomen", chest.get("name").getAsString()).stream().sorted().toList(),
                dry.denoised().stream().sorted().toList(), dry.log());
        assertTrue(dry.log().contains("--reference=" + samples.resolve("abdomen-ge-lightspeed16/full-dose")),
                dry.log());

        Files.writeString(work.resolve("bad.csv"), "low,reference\nx,y\n");
        Run bad = run(work, List.of("snakemake", "-n", "-s", root().resolve("pipelines/Snakefile").toString(),
                "--cores", "2", "--config", "manifest=bad.csv", "out=OUT2"));
        assertNotEquals(0, bad.exit());
        assertTrue(bad.log().contains("bad.csv needs a header row with a 'lowdose' column"), bad.log());
    }

    private static int row(CsvTable t, String series) throws Exception {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i, "series").equals(series)) {
                return i;
            }
        }
        fail(series + " is not in summary.csv");
        return -1;
    }

    /** Each finished series' row holds the numbers of its own series.json (the denoise --json and info --json). */
    private static void checkSummary(CsvTable t, Path out, List<String> ok) throws Exception {
        for (String name : ok) {
            int i = row(t, name);
            JsonObject s = json(out.resolve("series").resolve(name).resolve("series.json"));
            JsonObject d = s.getAsJsonObject("denoise");
            assertEquals(d, json(out.resolve("series").resolve(name).resolve("denoise.json")), "ddlm's --json file");
            JsonObject stack = s.getAsJsonArray("stacks").get(0).getAsJsonObject();
            assertEquals("ok", t.get(i, "status"));
            assertEquals(stack.get("series_uid").getAsString(), t.get(i, "series_uid"));
            assertEquals(stack.get("study_uid").getAsString(), t.get(i, "study_uid"));
            assertEquals(stack.get("patient_id").getAsString(), t.get(i, "patient_id"));
            assertEquals(6, Integer.parseInt(t.get(i, "slices")));
            assertEquals(d.get("slices").getAsInt(), Integer.parseInt(t.get(i, "slices")));
            assertEquals(d.get("sigma_n_hu").getAsDouble(), Double.parseDouble(t.get(i, "sigma_n_hu")), 1e-12);
            assertEquals(d.getAsJsonArray("flagged_slices").size(), Integer.parseInt(t.get(i, "flagged_slices")));
            assertEquals(d.get("floor_capped_slices").getAsInt(), Integer.parseInt(t.get(i, "floor_capped_slices")));
            assertEquals(d.get("seconds").getAsDouble(), Double.parseDouble(t.get(i, "seconds")), 1e-9);
            assertEquals(d.get("model").getAsString(), t.get(i, "model"));
            assertEquals(d.get("settings").getAsString(), t.get(i, "settings"));
            assertTrue(d.get("settings").getAsString().contains("N 1") && d.get("settings").getAsString()
                    .contains("flips 1"), "config denoise_args reached ddlm: " + d.get("settings"));
            try (var files = Files.list(Path.of(d.getAsJsonArray("output").get(0).getAsString()))) {
                assertEquals(6, files.count(), "the denoised series");
            }
            boolean reference = name.startsWith("abdomen");
            for (String w : List.of("abdomen", "wide", "full")) {
                JsonElement psnr = d.has("psnr_db") ? d.getAsJsonObject("psnr_db").get(w) : null;
                if (!reference) {
                    assertNull(psnr);
                    assertEquals("", t.get(i, "psnr_db_" + w));
                    assertEquals("", t.get(i, "psnr_gain_" + w + "_db"));
                    continue;
                }
                double test = psnr.getAsDouble();
                double input = d.getAsJsonObject("input_psnr_db").get(w).getAsDouble();
                assertEquals(test, Double.parseDouble(t.get(i, "psnr_db_" + w)), 1e-12);
                assertEquals(d.getAsJsonObject("ssim").get(w).getAsDouble(), Double.parseDouble(t.get(i, "ssim_" + w)),
                        1e-12);
                assertEquals(input, Double.parseDouble(t.get(i, "input_psnr_db_" + w)), 1e-12);
                assertEquals(test - input, Double.parseDouble(t.get(i, "psnr_gain_" + w + "_db")), 1e-9);
            }
            if (reference) {
                assertTrue(Double.parseDouble(t.get(i, "psnr_gain_abdomen_db")) > 2, "denoising gains: "
                        + t.get(i, "psnr_gain_abdomen_db"));
                assertTrue(Files.isRegularFile(out.resolve("series").resolve(name).resolve("report/summary.json")));
            }
        }
    }
}
