package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliHelpTest {

    @Test
    void everyCommandAnswersHelpWithItsUsageEvenWithoutItsRequiredParameters() {
        CommandLine cli = new CommandLine(new DdlmCli());
        assertTrue(cli.getSubcommands().size() >= 12, "commands: " + cli.getSubcommands().keySet());
        PrintStream original = System.out;
        try {
            for (String name : cli.getSubcommands().keySet()) {
                if (name.equals("help")) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                int exit = DdlmCli.run(name, "--help");
                String text = out.toString(StandardCharsets.UTF_8);
                assertEquals(0, exit, name + " --help exit code; output:\n" + text);
                assertTrue(text.contains("Usage: ddlm " + name) && text.contains("--help"), name + ":\n" + text);
            }
        } finally {
            System.setOut(original);
        }
    }
}
