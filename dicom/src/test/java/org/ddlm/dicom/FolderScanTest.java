package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicom.md section 5 steps 1, 4, 5 and 8: what the walk visits and skips, duplicates, mixed attributes. */
class FolderScanTest {
    private static final Path SERIES = TestData.data("ct/chest-siemens-sensation10-b40f");

    private static Path copySeries(Path to) throws Exception {
        Files.createDirectories(to);
        for (Path f : TestData.dicomFiles(SERIES)) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    private static List<StackProblem> problems(CtStack s, StackProblem.Kind kind) {
        return s.problems().stream().filter(p -> p.kind() == kind).toList();
    }

    @Test
    void aLinkedInputFolderIsReadButLinksInsideAreNotFollowed(@TempDir Path tmp) throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("in-link"), SERIES);
        ScanResult r = new SeriesScanner().scan(link);
        assertEquals(1, r.stacks().size());
        assertEquals(12, r.stacks().get(0).size());
        assertTrue(r.stacks().get(0).first().path().startsWith(link), "paths stay under the root as given");

        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("linked-series"), SERIES);
        Files.copy(TestData.data(TestData.NEGATIVE_SOURCE), tree.resolve("one.dcm"));
        ScanResult t = new SeriesScanner().scan(tree);
        assertEquals(1, t.stacks().size());
        assertEquals(1, t.stacks().get(0).size(), "the linked folder is not walked");
    }

    @Test
    void nonImageObjectsAreSkippedWithAReason(@TempDir Path tmp) throws Exception {
        Path dir = copySeries(tmp.resolve("in"));
        AttributeList sr = new AttributeList();
        SyntheticCt.ui(sr, TagFromName.SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.11"); // Basic Text SR
        SyntheticCt.ui(sr, TagFromName.SOPInstanceUID, Uids.newUid());
        SyntheticCt.ui(sr, TagFromName.SeriesInstanceUID, Uids.newUid());
        SyntheticCt.cs(sr, TagFromName.Modality, "SR");
        FileMetaInformation.addFileMetaInformation(sr, TransferSyntaxes.EXPLICIT_LE, "DDLMTEST");
        Path srFile = dir.resolve("report.dcm");
        sr.write(srFile.toFile(), TransferSyntaxes.EXPLICIT_LE, true, true);
        Files.writeString(dir.resolve("README.txt"), "notes about this folder\n");

        ScanResult r = new SeriesScanner().scan(dir);
        assertEquals(1, r.stacks().size());
        assertEquals(12, r.stacks().get(0).size());
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        ScanResult.Skipped srSkip = r.skipped().stream().filter(s -> s.path().equals(srFile)).findFirst().orElseThrow();
        assertTrue(srSkip.reason().contains("1.2.840.10008.5.1.4.1.1.88.11"), srSkip.reason());
        assertTrue(r.skipped().stream().anyMatch(s -> s.path().endsWith("README.txt")
                && s.reason().equals("not DICOM")));
    }

    @Test
    void duplicatePositionBlocksProcessingNamingBothFiles(@TempDir Path tmp) throws Exception {
        Path dir = copySeries(tmp.resolve("in"));
        Path original = dir.resolve("1-13.dcm");
        Path copy = ExternalTools.modifiedCopy(original, dir.resolve("1-13-again.dcm"), "-gin");
        CtStack s = new SeriesScanner().scan(dir).requireStacks().get(0);
        assertEquals(13, s.size());
        List<StackProblem> dups = problems(s, StackProblem.Kind.DUPLICATE_POSITION);
        assertEquals(1, dups.size(), s.problems().toString());
        DicomReadException e = assertThrows(DicomReadException.class, s::requireProcessable);
        assertTrue(e.getMessage().contains(original.toString()) && e.getMessage().contains(copy.toString()),
                e.getMessage());
    }

    @Test
    void duplicatesFromAnotherAcquisitionAreSplitIntoTheirOwnStack(@TempDir Path tmp) throws Exception {
        Path dir = copySeries(tmp.resolve("in"));
        ExternalTools.modifiedCopy(dir.resolve("1-13.dcm"), dir.resolve("1-13-acq2.dcm"), "-gin", "-m",
                "(0020,0012)=7"); // the series has 2
        List<CtStack> stacks = new SeriesScanner().scan(dir).requireStacks();
        assertEquals(2, stacks.size());
        assertEquals(List.of(12, 1), stacks.stream().map(CtStack::size).toList());
        assertEquals(stacks.get(0).id() + "#2", stacks.get(1).id());
        for (CtStack s : stacks) {
            assertTrue(problems(s, StackProblem.Kind.DUPLICATE_POSITION).isEmpty(), s.problems().toString());
        }
    }

    @Test
    void mixedSpacingAndFrameOfReferenceAreReported(@TempDir Path tmp) throws Exception {
        Path dir = copySeries(tmp.resolve("in"));
        Path one = dir.resolve("1-15.dcm");
        one.toFile().setWritable(true);
        ExternalTools.run("dcmodify", "-nb", "-m", "(0028,0030)=0.7\\0.7", "-m", "(0020,0052)=2.25.12345", one.toString());
        CtStack s = new SeriesScanner().scan(dir).requireStacks().get(0);
        assertEquals(12, s.size());
        assertEquals(1, problems(s, StackProblem.Kind.MIXED_PIXEL_SPACING).size(), s.problems().toString());
        assertEquals(1, problems(s, StackProblem.Kind.MIXED_FRAME_OF_REFERENCE).size(), s.problems().toString());
        DicomReadException e = assertThrows(DicomReadException.class, s::requireProcessable,
                "one output series never mixes frames of reference");
        assertTrue(e.getMessage().contains("mixed FrameOfReferenceUID"), e.getMessage());
    }

    /** Issue 15 item 1: two patients' slices sharing one SeriesInstanceUID become one stack per study. */
    @Test
    void aSeriesSharedByTwoPatientsIsSplitByStudy(@TempDir Path tmp) throws Exception {
        Path mix = tmp.resolve("mix");
        List<Path> files = TestData.dicomFiles(SERIES);
        Files.createDirectories(mix.resolve("a"));
        Files.createDirectories(mix.resolve("b"));
        for (int i = 0; i < 4; i++) {
            Path to = mix.resolve(i < 2 ? "a" : "b").resolve(files.get(i).getFileName());
            Files.copy(files.get(i), to);
            to.toFile().setWritable(true);
            if (i >= 2) {
                ExternalTools.run("dcmodify", "-nb", "-m", "(0010,0020)=OTHER", "-m",
                        "(0020,000d)=2.25.987654321", to.toString());
            }
        }
        List<CtStack> stacks = new SeriesScanner().scan(mix).requireStacks();
        assertEquals(2, stacks.size(), stacks.toString());
        for (CtStack s : stacks) {
            assertEquals(2, s.size());
            assertEquals(1, s.slices().stream().map(sl -> Attrs.string(sl.header(), TagFromName.PatientID))
                    .distinct().count(), "one patient per stack");
            assertEquals(1, problems(s, StackProblem.Kind.MIXED_PATIENT_OR_STUDY).size(), s.problems().toString());
            s.requireProcessable(); // split by study: each part can be processed on its own
        }
        assertEquals(List.of("2.25.987654321"), stacks.stream().map(CtStack::studyInstanceUid)
                .filter(u -> u.equals("2.25.987654321")).toList());
        assertTrue(stacks.get(0).problems().get(0).text().contains("PatientID 'OTHER'"),
                stacks.get(0).problems().toString());
    }

    /** One StudyInstanceUID under two PatientIDs cannot be split safely: refused. */
    @Test
    void oneStudyUnderTwoPatientIdsIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = copySeries(tmp.resolve("in"));
        Path one = dir.resolve("1-15.dcm");
        one.toFile().setWritable(true);
        ExternalTools.run("dcmodify", "-nb", "-m", "(0010,0020)=OTHER", one.toString());
        List<CtStack> stacks = new SeriesScanner().scan(dir).requireStacks();
        assertEquals(2, stacks.size());
        for (CtStack s : stacks) {
            assertEquals(1, problems(s, StackProblem.Kind.PATIENT_CONFLICT).size(), s.problems().toString());
            DicomReadException e = assertThrows(DicomReadException.class, s::requireProcessable);
            assertTrue(e.getMessage().contains("several PatientIDs") && e.getMessage().contains("Fix the PatientID"),
                    e.getMessage());
        }
    }

    @Test
    void nonOrthonormalOrientationIsBadValue(@TempDir Path tmp) throws Exception {
        Path f = ExternalTools.modifiedCopy(SERIES.resolve("1-10.dcm"), tmp.resolve("skew.dcm"), "-m",
                "(0020,0037)=1\\0\\0\\0.1\\1\\0");
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(f));
        assertEquals(Problem.BAD_VALUE, e.problem());
        assertEquals(0x00200037, e.tag());
    }

    /** dicom.md 6: Modality CT is not enough; the SOP class must be CT Image Storage too. */
    @Test
    void ctModalityWithAnMrSopClassIsNotCt(@TempDir Path tmp) throws Exception {
        Path f = ExternalTools.modifiedCopy(SERIES.resolve("1-11.dcm"), tmp.resolve("mr-class.dcm"), "-m",
                "(0008,0016)=1.2.840.10008.5.1.4.1.1.4");
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(f));
        assertEquals(Problem.NOT_CT, e.problem());
        assertEquals(0x00080016, e.tag());
        assertTrue(e.getMessage().contains("1.2.840.10008.5.1.4.1.1.4"), e.getMessage());
        assertEquals(1, new SeriesScanner(true).scan(f).stacks().size(), "--force lets it through");
    }
}
