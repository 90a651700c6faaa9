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
        return copyAndStop(in, out, true, extra);
    }

    /** As {@link #copyAndKill}; {@code kill}: SIGKILL, else SIGTERM (what Ctrl-C or a scheduler's cancel sends). */
    private boolean copyAndStop(Path in, Path out, boolean kill, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), DdlmCli.class.getName(), "copy",
                in.toString(), out.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (temporaryHoldsASlice(out.getParent())) {
                if (kill) {
                    p.destroyForcibly();
                } else {
                    p.destroy();
                }
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

    /** SIGTERM runs the shutdown hook: no OUT and no temporary sibling either (issue 15 item 7). */
    @Test
    void terminatedCopyLeavesNothingAtAll() throws Exception {
        Path in = Fixtures.shared().resolve("data/ct/atcm-phantom-varying-ma");
        Path parent = Files.createDirectories(tmp.resolve("work3"));
        Path out = parent.resolve("out");
        assertTrue(copyAndStop(in, out, false), "caught while writing: " + Files.readString(tmp.resolve("log.txt")));
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(List.of(), s.toList(), "nothing left after SIGTERM");
        }
    }

    /** A killed run's temporary sibling (its process gone) is removed by the next run; a live one's is kept. */
    @Test
    void theNextRunRemovesADeadRunsLeftovers() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("work4"));
        Path dead = Files.createDirectories(parent.resolve(".out.ddlm-tmp-2147483646-deadbeef"));
        Files.createFile(dead.resolve(".ddlm-tmp"));
        Files.writeString(dead.resolve("0001.dcm"), "partial");
        Path live = Files.createDirectories(parent.resolve(".out.ddlm-tmp-" + ProcessHandle.current().pid()
                + "-0badf00d"));
        Files.createFile(live.resolve(".ddlm-tmp"));
        Path notOurs = Files.createDirectories(parent.resolve(".out.ddlm-tmp-2147483646-nomarker"));
        assertEquals(0, DdlmCli.run("copy", Fixtures.shared().resolve("data/ct/chest-siemens-sensation10-b40f")
                .toString(), parent.resolve("out").toString()));
        assertFalse(Files.exists(dead), "the dead run's folder is gone");
        assertTrue(Files.exists(live), "a running process's folder stays");
        assertTrue(Files.exists(notOurs), "a folder without ddlm's marker stays");
    }
}
