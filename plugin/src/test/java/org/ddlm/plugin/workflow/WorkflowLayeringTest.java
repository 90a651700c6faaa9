package org.ddlm.plugin.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflow layer has no user interface: no source under plugin/workflow imports picocli, ImageJ, SciJava or either
 * front end, so the CLI and Fiji can both build its requests and neither depends on the other.
 */
class WorkflowLayeringTest {
    private static final Path WORKFLOW = Path.of("src/main/java/org/ddlm/plugin/workflow");
    static final Pattern USER_INTERFACE = Pattern.compile(
            "^import (static )?(picocli\\.|ij\\.|org\\.scijava\\.|org\\.ddlm\\.plugin\\.(cli|fiji)\\.)");

    @Test
    void noWorkflowSourceImportsAUserInterface() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(WORKFLOW)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() >= 8, "found the workflow sources in " + WORKFLOW.toAbsolutePath());
        List<String> problems = new ArrayList<>();
        for (Path source : sources) {
            for (String line : Files.readAllLines(source)) {
                if (USER_INTERFACE.matcher(line).find()) {
                    problems.add(source.getFileName() + ": " + line.trim());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckSeesEachFrontEnd() {
        for (String line : List.of("import picocli.CommandLine;", "import ij.IJ;", "import org.scijava.Context;",
                "import org.ddlm.plugin.cli.DdlmCli;", "import org.ddlm.plugin.fiji.IjProgress;")) {
            assertTrue(USER_INTERFACE.matcher(line).find(), line);
        }
        assertTrue(!USER_INTERFACE.matcher("import org.ddlm.plugin.bench.BenchRunner;").find());
    }
}
