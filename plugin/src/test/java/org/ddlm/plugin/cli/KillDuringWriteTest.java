package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicom.md section 8: killing ddlm while it writes leaves no series in OUT (or the complete old contents). */
class KillDuringWriteTest {
    @TempDir
    Path tmp;

    /** Starts `ddlm copy` in a child JVM and kills it as soon as its temporary folder holds a written slice. */
    private boolean copyAndKill(Path in, Path out, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), DdlmCli.class.getName(), "copy",
                in.toString(), out.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (temporaryHoldsASlice(out.getParent())) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(2);
        }
        p.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    private static boolean temporaryHoldsASlice(Path parent) throws Exception {
        try (Stream<Path> s = Files.walk(parent, 3)) {
            return s.anyMatch(f -> f.toString().contains(".ddlm-tmp-") && f.toString().endsWith(".dcm"));
        }
    }

    @Test
    void killedCopyLeavesNoSeriesInOut() throws Exception {
        Path in = Fixtures.shared().resolve("data/ct/atcm-phantom-varying-ma");
        Path parent = Files.createDirectories(tmp.resolve("work"));
        Path out = parent.resolve("out");
        boolean killed = copyAndKill(in, out);
        assertTrue(killed, "the copy was caught while writing: " + Files.readString(tmp.resolve("log.txt")));
        assertFalse(Files.exists(out), "no OUT after a kill");
        try (Stream<Path> s = Files.list(parent)) {
            assertTrue(s.allMatch(f -> f.getFileName().toString().startsWith(".out.ddlm-tmp-")),
                    "only the hidden temporary sibling may remain");
        }
    }

    @Test
    void killedOverwriteLeavesTheOldContentsWhole() throws Exception {
        Path in = Fixtures.shared().resolve("data/ct/atcm-phantom-varying-ma");
        Path parent = Files.createDirectories(tmp.resolve("work2"));
        Path out = parent.resolve("out");
        assertEquals(0, DdlmCli.run("copy", Fixtures.shared().resolve("data/ct/chest-siemens-sensation10-b40f")
                .toString(), out.toString()));
        var before = Fixtures.fingerprint(out);
        assertTrue(copyAndKill(in, out, "--overwrite"));
        var after = Fixtures.fingerprint(out);
        int n = Fixtures.dicomFiles(out).size();
        assertTrue(after.equals(before) || n == 30, "OUT holds the complete old (12) or new (30) series, found " + n);
    }
}
