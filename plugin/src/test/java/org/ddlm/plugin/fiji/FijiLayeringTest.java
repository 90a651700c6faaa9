package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Fiji commands sit beside the CLI, not on top of it: they fill the workflow layer's typed requests directly, so
 * no Fiji source may name picocli or the CLI package, or build "--option" strings for a parser.
 */
class FijiLayeringTest {
    private static final Path FIJI = Path.of("src/main/java/org/ddlm/plugin/fiji");
    private static final Pattern CLI = Pattern.compile("\\bpicocli\\b|\\borg\\.ddlm\\.plugin\\.cli\\b");
    /** A string literal whose text starts with two dashes, e.g. "--steps". */
    private static final Pattern OPTION_LITERAL = Pattern.compile("\"--");

    @Test
    void fijiSourcesNeitherUseTheCliNorBuildOptionStrings() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(FIJI)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(sources.size() > 10, "found the Fiji sources in " + FIJI.toAbsolutePath());
        List<String> problems = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String code = withoutComment(line);
                if (CLI.matcher(code).find()) {
                    problems.add(source.getFileName() + ":" + (i + 1) + " uses the CLI: " + line.trim());
                }
                if (OPTION_LITERAL.matcher(code).find()) {
                    problems.add(source.getFileName() + ":" + (i + 1) + " builds an option string: " + line.trim());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckSeesAnOptionStringAndACliImport() {
        assertTrue(OPTION_LITERAL.matcher(withoutComment("args.add(\"--steps\"); // x")).find());
        assertTrue(CLI.matcher(withoutComment("import org.ddlm.plugin.cli.DdlmOptions;")).find());
        assertTrue(CLI.matcher(withoutComment("import picocli.CommandLine;")).find());
        assertTrue(!OPTION_LITERAL.matcher(withoutComment("int a = b; // see \"--steps\" in the CLI")).find());
    }

    /** The line without a trailing // comment (a "//" inside a string literal is kept). */
    private static String withoutComment(String line) {
        Matcher m = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|//").matcher(line);
        while (m.find()) {
            if (m.group().equals("//")) {
                return line.substring(0, m.start());
            }
        }
        return line;
    }
}
