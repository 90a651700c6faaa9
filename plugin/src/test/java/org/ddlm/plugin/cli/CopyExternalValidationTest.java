package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance of the DICOM issue: `ddlm copy` of every shared series passes dcmftest and dcmdump, adds no dciodvfy Error
 * that the source file did not already have, gives 0 dcentvfy errors over the output series (and none beyond the
 * source's own baseline over source + output), and leaves the input byte-identical.
 */
@Tag("external")
class CopyExternalValidationTest {
    @TempDir
    Path tmp;

    static List<Path> series() throws Exception {
        return Fixtures.ctSeries();
    }

    @ParameterizedTest
    @MethodSource("series")
    void copyPassesTheDicomValidators(Path in) throws Exception {
        Map<String, String> before = Fixtures.fingerprint(in);
        Path out = tmp.resolve("out");
        assertEquals(0, DdlmCli.run("copy", in.toString(), out.toString()));
        assertEquals(before, Fixtures.fingerprint(in), "input untouched");

        List<Path> outputs = Fixtures.dicomFiles(out);
        List<Path> sources = Fixtures.dicomFiles(in);
        assertEquals(sources.size(), outputs.size());

        List<String> ftest = new ArrayList<>(List.of("dcmftest"));
        outputs.forEach(p -> ftest.add(p.toString()));
        ExternalTool.Result ft = ExternalTool.run(ftest);
        assertEquals(0, ft.exit(), ft.stdout());
        assertEquals(outputs.size(), ft.stdout().lines().filter(l -> l.startsWith("yes: ")).count());

        for (Path o : outputs) {
            ExternalTool.Result dump = ExternalTool.run(List.of("dcmdump", "-q", o.toString()));
            assertEquals(0, dump.exit(), "dcmdump parses " + o + ": " + dump.stderr());
        }
        DicomValidators.assertNoNewDciodvfyErrors(sources, outputs);
        DicomValidators.assertOneConsistentSeries(outputs);

        // Source + output together may only show what the source alone shows (no study attribute changed).
        List<String> both = new ArrayList<>(List.of("dcentvfy"));
        sources.forEach(p -> both.add(p.toString()));
        ExternalTool.Result baseline = ExternalTool.run(both);
        outputs.forEach(p -> both.add(p.toString()));
        ExternalTool.Result combined = ExternalTool.run(both);
        assertEquals(kinds(baseline), kinds(combined), "dcentvfy over source + output");
    }

    /** dcentvfy error lines without the file names, so the same mismatch in more files counts once. */
    private static Set<String> kinds(ExternalTool.Result r) {
        Set<String> out = new TreeSet<>();
        for (String l : DicomValidators.errorLines(r.stderr() + r.stdout())) {
            out.add(Arrays.stream(l.split(" for file ")).findFirst().orElse(l));
        }
        return out;
    }
}
