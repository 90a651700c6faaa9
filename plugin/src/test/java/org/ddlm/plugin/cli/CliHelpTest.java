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
            for (var command : cli.getSubcommands().entrySet()) {
                if (command.getKey().equals("help")) {
                    continue;
                }
                assertHelp(command.getKey());
                // nested commands (ddlm npz export-slices ...) too
                for (String nested : command.getValue().getSubcommands().keySet()) {
                    assertHelp(command.getKey() + " " + nested);
                }
            }
        } finally {
            System.setOut(original);
        }
    }

    private static void assertHelp(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        String[] words = (command + " --help").split(" ");
        int exit = DdlmCli.run(words);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, command + " --help exit code; output:\n" + text);
        assertTrue(text.contains("Usage: ddlm " + command) && text.contains("--help"), command + ":\n" + text);
    }
}
