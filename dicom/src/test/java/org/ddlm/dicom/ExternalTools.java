package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs DCMTK/GDCM command-line tools for tests. A missing tool skips the test with a message, except under CI=true,
 * where the tools are installed on purpose and a missing one is a failure.
 */
final class ExternalTools {
    private ExternalTools() {
    }

    static void require(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String msg = tool + " is not installed (Debian: apt-get install dcmtk dicom3tools gdcm-tools)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(msg + "; CI=true requires it");
                }
                Assumptions.abort(msg + "; skipping");
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the command (after {@link #require}), failing the test on a non-zero exit or after 60 s. */
    static String run(String... command) throws IOException, InterruptedException {
        require(command[0]);
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + text);
        return text;
    }

    /** {@code src} RLE-compressed by dcmcrle into {@code dst}. */
    static Path rleCopy(Path src, Path dst) throws IOException, InterruptedException {
        run("dcmcrle", src.toString(), dst.toString());
        return dst;
    }

    /** Copies {@code src} to {@code dst} and edits it in place with dcmodify (no backup file). */
    static Path modifiedCopy(Path src, Path dst, String... dcmodifyArgs) throws IOException, InterruptedException {
        Files.copy(src, dst);
        dst.toFile().setWritable(true);
        List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb"));
        cmd.addAll(List.of(dcmodifyArgs));
        cmd.add(dst.toString());
        run(cmd.toArray(new String[0]));
        return dst;
    }
}
