package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicom.md section 8: refused targets, overwrite, and nothing half-written on failure. */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private Path input() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/a.txt"), "x");
        return in;
    }

    private void assertRefused(Path out, Path in, boolean overwrite) {
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> DerivedSeriesWriter.checkOutput(out, List.of(in), overwrite));
        assertEquals(Problem.BAD_OUTPUT, e.problem(), e.getMessage());
    }

    @Test
    void refusesOutputThatIsInsideContainsOrEqualsTheInput() throws Exception {
        Path in = input();
        assertRefused(in, in, true);
        assertRefused(in.resolve("out"), in, true);
        assertRefused(in.resolve("sub"), in, true);
        assertRefused(tmp, in, true);
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, in);
        assertRefused(link, in, true);
        assertRefused(link.resolve("new"), in, true);
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertRefused(file, in, true);
    }

    @Test
    void nonEmptyOutputNeedsOverwriteAndIsThenReplacedWhole() throws Exception {
        Path in = TestData.data("ct/chest-siemens-sensation10-b40f");
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.txt"), "old");
        assertRefused(out, in, false);
        CtStack stack = new SeriesScanner().scan(in).requireStacks().get(0);
        HuImage img = stack.first().loadHu();
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(out, List.of(in), true)) {
            w.beginStack(stack, Derivation.copy()).write(0, img.hu(), img);
            w.commit();
        }
        assertFalse(Files.exists(out.resolve("old.txt")), "old contents replaced whole");
        assertEquals(1, TestData.dicomFiles(out).size());
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "no temporary or old folder left beside OUT");
        }
    }

    @Test
    void anErrorInSlice7Of12LeavesNoOutputAndNoTemporaryFolder() throws Exception {
        Path in = TestData.data("ct/chest-siemens-sensation10-b40f");
        CtStack stack = new SeriesScanner().scan(in).requireStacks().get(0);
        assertEquals(12, stack.size());
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        Path out = work.resolve("out");
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(out, List.of(in), false)) {
            DerivedSeriesWriter.StackWriter sw = w.beginStack(stack, Derivation.copy());
            for (int i = 0; i < 6; i++) {
                HuImage img = stack.slices().get(i).loadHu();
                sw.write(i, img.hu(), img);
            }
            assertThrows(DicomWriteException.class, () -> sw.write(6, new float[] {1f}, null));
        }
        assertFalse(Files.exists(out));
        try (var s = Files.list(work)) {
            assertTrue(s.findAny().isEmpty(), "temporary folder removed");
        }
    }
}
