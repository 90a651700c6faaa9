package org.ddlm.plugin.denoise;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ddlm.plugin.cli.DdlmCli;

/** One in-process `ddlm` command line with its exit code, stdout and stderr captured. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = DdlmCli.run(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** stderr without the lines DJL logs while it starts (JUL warnings about CUDA and the like). */
    public String errLines() {
        return err.lines().filter(l -> l.startsWith("ddlm: ")).reduce("", (a, b) -> a + b + "\n");
    }
}
