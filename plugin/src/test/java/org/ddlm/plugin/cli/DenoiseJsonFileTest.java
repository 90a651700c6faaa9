package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ddlm denoise --json FILE`: the stdout line also in FILE, written last and whole; refused inside an input. */
class DenoiseJsonFileTest {
    @TempDir
    Path tmp;

    private Path copyOfTheSample() throws Exception {
        Path in = tmp.resolve("low");
        Files.createDirectories(in);
        for (Path f : Fixtures.dicomFiles(InfoJsonTest.samples().resolve("chest-philips-brilliance16/sim-25pct-dose"))) {
            Files.copy(f, in.resolve(f.getFileName()));
        }
        return in;
    }

    @Test
    void theFileHoldsTheSameJsonAsStdoutAndNothingElseIsLeftBeside() throws Exception {
        Path in = copyOfTheSample();
        Path json = tmp.resolve("results/chest.json");
        CliRun r = CliRun.of("denoise", in.toString(), "--out", tmp.resolve("out").toString(), "--json",
                json.toString(), "--steps", "1", "--flips", "1", "--device", "cpu", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        assertEquals(JsonParser.parseString(lines.get(0)), JsonParser.parseString(Files.readString(json)));
        assertEquals(6, JsonParser.parseString(Files.readString(json)).getAsJsonObject().get("slices").getAsInt());
        try (var files = Files.list(json.getParent())) {
            assertEquals(List.of(json), files.toList(), "no temporary file left beside it");
        }
    }

    @Test
    void aFileInsideTheInputIsRefusedBeforeAnyWork() throws Exception {
        Path in = copyOfTheSample();
        java.util.Map<String, String> before = Fixtures.fingerprint(in);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("denoise", in.toString(), "--out", out.toString(), "--json", in.resolve("r.json").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.errLines().startsWith("ddlm: error: --json " + in.resolve("r.json") + " lies inside " + in),
                r.err());
        assertFalse(Files.exists(out));
        assertEquals(before, Fixtures.fingerprint(in), "the input is untouched");
    }

    @Test
    void aFolderIsRefused() throws Exception {
        Path in = copyOfTheSample();
        Path dir = Files.createDirectories(tmp.resolve("a-folder"));
        CliRun r = CliRun.of("denoise", in.toString(), "--out", tmp.resolve("out").toString(), "--json",
                dir.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.errLines().contains("is a folder; name a file"), r.err());
    }

    @Test
    void aRunThatFailsLeavesNoOlderFileBehind() throws Exception {
        Path in = copyOfTheSample();
        Path broken = Fixtures.dicomFiles(in).get(3);
        Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(broken), 60000));
        Path json = Files.writeString(tmp.resolve("done.json"), "{\"slices\":6}\n");
        CliRun r = CliRun.of("denoise", in.toString(), "--out", tmp.resolve("out").toString(), "--json",
                json.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.errLines().startsWith("ddlm: error: " + broken), r.err());
        assertFalse(Files.exists(json), "a pipeline must not take the old file for this run's result");
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
