package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs DCMTK/dicom3tools as independent checkers; a missing tool skips the test, except under CI=true. */
final class ExternalTool {
    record Result(int exit, String stdout, String stderr) {
    }

    private ExternalTool() {
    }

    static void require(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (new java.io.File(dir, tool).canExecute()) {
                found = true;
                break;
            }
        }
        if (!found) {
            if ("true".equals(System.getenv("CI"))) {
                fail(tool + " is not installed; CI must install dcmtk and dicom3tools");
            }
            Assumptions.assumeTrue(false, tool + " is not installed; install dcmtk and dicom3tools to run this test");
        }
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        require(command.get(0));
        Process p = new ProcessBuilder(new ArrayList<>(command)).start();
        byte[][] streams = new byte[2][];
        Thread err = new Thread(() -> {
            try {
                streams[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = new byte[0];
            }
        });
        err.start();
        streams[0] = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        err.join();
        return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }
}
