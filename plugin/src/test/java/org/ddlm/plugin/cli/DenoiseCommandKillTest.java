package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing `ddlm denoise` while it samples and writes leaves no series under OUT (dicom.md section 8). */
class DenoiseCommandKillTest {
    @TempDir
    Path tmp;

    @Test
    void killedDenoiseLeavesNoSeriesInOut() throws Exception {
        Path in = DenoiseCommandTest.sample("sim-25pct-dose");
        Path parent = Files.createDirectories(tmp.resolve("work"));
        Path out = parent.resolve("out");
        Path log = tmp.resolve("log.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), DdlmCli.class.getName(),
                "denoise", in.toString(), "--out", out.toString(), "--batch", "1", "--steps", "2", "--device", "cpu",
                "--threads", "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean killed = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (p.isAlive() && System.nanoTime() < deadline) {
                // The first denoised slice is in the temporary folder: sampling has begun and more slices are due.
                if (temporaryHoldsASlice(parent)) {
                    p.destroyForcibly();
                    killed = p.waitFor(10, TimeUnit.SECONDS);
                    break;
                }
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly();
        }
        assertTrue(killed, "denoise was caught mid-run: " + Files.readString(log));
        assertFalse(Files.exists(out), "no OUT after a kill");
        try (Stream<Path> s = Files.list(parent)) {
            assertTrue(s.allMatch(f -> f.getFileName().toString().startsWith(".out.ddlm-tmp-")),
                    "only the hidden temporary sibling may remain");
        }
    }

    private static boolean temporaryHoldsASlice(Path parent) throws Exception {
        try (Stream<Path> s = Files.walk(parent, 3)) {
            return s.anyMatch(f -> f.toString().contains(".ddlm-tmp-") && f.toString().endsWith(".dcm"));
        }
    }
}
