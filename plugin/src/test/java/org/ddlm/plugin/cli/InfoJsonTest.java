package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm info --json`: one object per stack for pipelines, checked against DCMTK's dcmdump of the same files. */
class InfoJsonTest {
    @TempDir
    Path tmp;

    static Path samples() {
        return Path.of(System.getProperty("ddlm.root", "..")).resolve("sample-scans").toAbsolutePath().normalize();
    }

    private static List<JsonObject> objects(String stdout) {
        List<JsonObject> out = new ArrayList<>();
        stdout.lines().filter(l -> !l.isBlank()).forEach(l -> out.add(JsonParser.parseString(l).getAsJsonObject()));
        return out;
    }

    /** dcmdump of one file: top-level elements (not inside a sequence) by tag, and the nested values too. */
    private record Dump(Map<String, String> top, Map<String, List<String>> nested) {
        static Dump of(Path file) throws Exception {
            ExternalTool.Result r = ExternalTool.run(List.of("dcmdump", "+L", "-M", file.toString()));
            assertEquals(0, r.exit(), r.stderr());
            Map<String, String> top = new HashMap<>();
            Map<String, List<String>> nested = new HashMap<>();
            for (String line : r.stdout().lines().toList()) {
                String t = line.strip();
                if (!t.startsWith("(") || t.length() < 16) {
                    continue;
                }
                String tag = t.substring(1, 10);
                String rest = t.substring(15);
                String value = rest.startsWith("[") && rest.indexOf(']') > 0 ? rest.substring(1, rest.indexOf(']'))
                        : rest.split("\\s+")[0];
                if (line.startsWith("(")) {
                    top.put(tag, value);
                } else {
                    nested.computeIfAbsent(tag, k -> new ArrayList<>()).add(value);
                }
            }
            return new Dump(top, nested);
        }
    }

    @Test
    void everySampleStackIsOneObjectWithTheHeaderValuesDcmdumpReads() throws Exception {
        CliRun r = CliRun.of("info", "--json", "--no-pixels", samples().toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonObject> stacks = objects(r.out());
        assertEquals(4, stacks.size(), "two samples, full and 25 % dose: " + r.out());
        Map<String, String> seriesOfFolder = new HashMap<>();
        for (JsonObject s : stacks) {
            Path folder = Path.of(s.get("folder").getAsString());
            List<Path> files = Fixtures.dicomFiles(folder);
            Dump d = Dump.of(files.get(0));
            assertEquals(d.top().get("0010,0020"), s.get("patient_id").getAsString());
            assertEquals(d.top().get("0020,000d"), s.get("study_uid").getAsString());
            assertEquals(d.top().get("0020,000e"), s.get("series_uid").getAsString());
            assertEquals(files.size(), s.get("slices").getAsInt(), folder.toString());
            JsonArray matrix = s.getAsJsonArray("matrix");
            assertEquals(Integer.parseInt(d.top().get("0028,0010")), matrix.get(0).getAsInt());
            assertEquals(Integer.parseInt(d.top().get("0028,0011")), matrix.get(1).getAsInt());
            List<String> sources = new ArrayList<>();
            s.getAsJsonArray("source_series").forEach(e -> sources.add(e.getAsString()));
            assertEquals(d.nested().getOrDefault("0020,000e", List.of()), sources, folder.toString());
            assertEquals(0, s.getAsJsonArray("problems").size(), s.toString());
            assertTrue(s.get("processable").getAsBoolean());
            seriesOfFolder.put(samples().relativize(folder).toString(), s.get("series_uid").getAsString());
        }
        // The simulated series name their full-dose scan as the source: how the pipeline pairs them.
        for (String sample : List.of("abdomen-ge-lightspeed16", "chest-philips-brilliance16")) {
            JsonObject low = stacks.stream().filter(s -> s.get("folder").getAsString().contains(sample + "/sim-25pct"))
                    .findFirst().orElseThrow();
            assertEquals(seriesOfFolder.get(sample + "/full-dose"),
                    low.getAsJsonArray("source_series").get(0).getAsString());
        }
        assertTrue(r.err().contains("README.md"), "the skipped files go to stderr: " + r.err());
    }

    @Test
    void anUnreadableFolderIsAnErrorObjectAndTheOthersAreStillListed() throws Exception {
        Path good = tmp.resolve("good");
        Path bad = tmp.resolve("bad");
        Files.createDirectories(good);
        Files.createDirectories(bad);
        List<Path> files = Fixtures.dicomFiles(samples().resolve("chest-philips-brilliance16/sim-25pct-dose"));
        for (Path f : files) {
            Files.copy(f, good.resolve(f.getFileName()));
            Files.copy(f, bad.resolve(f.getFileName()));
        }
        Path broken = bad.resolve(files.get(2).getFileName());
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(bytes, 60000));
        CliRun r = CliRun.of("info", "--json", bad.toString(), good.toString());
        assertEquals(1, r.exit(), r.err());
        List<JsonObject> out = objects(r.out());
        assertEquals(2, out.size(), r.out());
        assertEquals(bad.toAbsolutePath().normalize().toString(), out.get(0).get("folder").getAsString());
        assertTrue(out.get(0).get("error").getAsString().contains(broken.toString()), out.get(0).toString());
        assertEquals("TRUNCATED", out.get(0).get("problem").getAsString());
        assertEquals(files.size(), out.get(1).get("slices").getAsInt());
        assertFalse(out.get(1).has("error"));
        assertEquals(1, r.errLines().lines().count(), "one line for the bad folder: " + r.err());
        assertTrue(r.errLines().startsWith("ddlm: error: " + broken), r.err());
    }

    @Test
    void withoutJsonSeveralFoldersAreDescribedInTurn() {
        CliRun r = CliRun.of("info", "--no-pixels", samples().resolve("abdomen-ge-lightspeed16/full-dose").toString(),
                samples().resolve("chest-philips-brilliance16/full-dose").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("stack ")).count(), r.out());
    }
}
