package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Pipelines act on exit codes: every command's --help names them, with the codes Errors really returns. */
class HelpExitCodesTest {
    @Test
    void everyCommandsHelpEndsWithTheExitCodes() {
        CommandLine cli = new CommandLine(new DdlmCli());
        for (Map.Entry<String, CommandLine> c : cli.getSubcommands().entrySet()) {
            if (c.getKey().equals("help")) {
                continue;
            }
            CliRun r = CliRun.of(c.getKey(), "--help");
            assertEquals(0, r.exit(), c.getKey());
            assertTrue(r.out().strip().replaceAll("\\s+", " ").endsWith("Exit codes: 0 success; "
                    + Errors.INPUT_ERROR + " bad input (one line on stderr naming the file and the problem, nothing "
                    + "written); 2 usage error; " + Errors.BUG + " internal error (a bug: please report it with the "
                    + "stack trace)."), c.getKey() + ":\n" + r.out());
        }
        CliRun usage = CliRun.of("info", "--no-such-option");
        assertEquals(2, usage.exit(), usage.err());
    }
}
