package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference and the input are never written into (issue 15 item 2): OUT or a report folder that is, lies inside
 * or reaches through a symbolic link into IN or REF is refused before any work, and both stay byte-identical.
 */
class ReferenceProtectionTest {
    @TempDir
    Path tmp;

    private Path low;
    private Path ref;
    private Map<String, String> lowBefore;
    private Map<String, String> refBefore;

    @BeforeEach
    void twoSlicePair() throws Exception {
        low = Files.createDirectories(tmp.resolve("low"));
        ref = Files.createDirectories(tmp.resolve("ref"));
        List<Path> l = Fixtures.dicomFiles(DenoiseCommandTest.sample("sim-25pct-dose"));
        List<Path> r = Fixtures.dicomFiles(DenoiseCommandTest.sample("full-dose"));
        for (int i = 0; i < 2; i++) {
            Files.copy(l.get(i), low.resolve(l.get(i).getFileName()));
            Files.copy(r.get(i), ref.resolve(r.get(i).getFileName()));
        }
        lowBefore = Fixtures.fingerprint(low);
        refBefore = Fixtures.fingerprint(ref);
    }

    private void refused(CliRun run, String why) throws Exception {
        assertEquals(1, run.exit(), why + ": " + run.err());
        assertTrue(run.errLines().lines().count() == 1, why + ": one line on stderr: " + run.errLines());
        assertFalse(run.err().contains("denoise: "), why + ": refused before any work: " + run.err());
        assertEquals(lowBefore, Fixtures.fingerprint(low), why + ": input untouched");
        assertEquals(refBefore, Fixtures.fingerprint(ref), why + ": reference untouched");
    }

    @Test
    void outputIntoTheReferenceIsRefused() throws Exception {
        refused(CliRun.of("denoise", low.toString(), "--out", ref.toString(), "--overwrite", "--reference",
                ref.toString()), "OUT = REF with --overwrite");
        refused(CliRun.of("denoise", low.toString(), "--out", ref.resolve("den").toString(), "--reference",
                ref.toString()), "OUT inside REF");
        assertFalse(Files.exists(ref.resolve("den")));
    }

    @Test
    void reportThroughASymlinkIntoTheInputIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), low);
        refused(CliRun.of("denoise", low.toString(), "--out", tmp.resolve("out").toString(), "--reference",
                ref.toString(), "--report", link.resolve("report").toString()), "report through a link into IN");
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void validateWillNotWriteItsReportIntoTheReference() throws Exception {
        CliRun run = CliRun.of("validate", low.toString(), ref.toString(), "--report", ref.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("report folder") && run.err().contains(ref.toString()), run.err());
        assertEquals(refBefore, Fixtures.fingerprint(ref));
        assertEquals(lowBefore, Fixtures.fingerprint(low));
    }
}
