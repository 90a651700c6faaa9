package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The checks every written series must pass in dicom3tools: what the commands' external-validation tests share. */
final class DicomValidators {
    private DicomValidators() {
    }

    /** The lines dciodvfy and dcentvfy mark as errors. */
    static List<String> errorLines(String text) {
        return text.lines().filter(l -> l.startsWith("Error")).toList();
    }

    /** Each output is recognised by dciodvfy as a CT Image and shows no Error that none of the sources shows. */
    static void assertNoNewDciodvfyErrors(List<Path> sources, List<Path> outputs) throws Exception {
        Set<String> sourceErrors = new TreeSet<>();
        for (Path s : sources) {
            sourceErrors.addAll(errorLines(ExternalTool.run(List.of("dciodvfy", s.toString())).stderr()));
        }
        for (Path o : outputs) {
            ExternalTool.Result v = ExternalTool.run(List.of("dciodvfy", o.toString()));
            assertTrue(v.stderr().contains("CTImage"), "dciodvfy recognised the IOD: " + v.stderr());
            Set<String> added = new TreeSet<>(errorLines(v.stderr()));
            added.removeAll(sourceErrors);
            assertTrue(added.isEmpty(), "new dciodvfy errors in " + o + ": " + added);
        }
    }

    /** dcentvfy finds the files consistent as one series (patient, study, series and frame of reference). */
    static void assertOneConsistentSeries(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("dcentvfy"));
        files.forEach(p -> command.add(p.toString()));
        ExternalTool.Result e = ExternalTool.run(command);
        assertEquals(List.of(), errorLines(e.stderr() + e.stdout()), "dcentvfy over the output series");
    }
}
