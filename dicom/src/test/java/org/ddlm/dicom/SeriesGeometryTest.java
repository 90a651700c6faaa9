package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicom.md sections 5 and 9: grouping, ordering along the normal, spacing and tilt, localizers, matrices, multi-frame. */
class SeriesGeometryTest {

    private static CtStack onlyStack(Path folder) throws DicomReadException {
        List<CtStack> stacks = new SeriesScanner().scan(folder).requireStacks();
        assertEquals(1, stacks.size(), "stacks in " + folder);
        return stacks.get(0);
    }

    private static List<StackProblem> problems(CtStack s, StackProblem.Kind kind) {
        return s.problems().stream().filter(p -> p.kind() == kind).toList();
    }

    private static List<String> sopUids(CtStack s) {
        return s.slices().stream().map(CtSlice::sopInstanceUid).toList();
    }

    /** Steps along n = r x c computed here from IPP and IOP, independently of StackGeometry. */
    private static double[] steps(CtStack s) {
        double[] o = s.first().orientation();
        double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        double[] out = new double[s.size() - 1];
        for (int i = 0; i < out.length; i++) {
            double[] a = s.slices().get(i).position();
            double[] b = s.slices().get(i + 1).position();
            out[i] = n[0] * (b[0] - a[0]) + n[1] * (b[1] - a[1]) + n[2] * (b[2] - a[2]);
        }
        return out;
    }

    private static Path copyAll(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (Path f : TestData.dicomFiles(from)) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    @Test
    void gantryTiltIsReportedAndUnevenStepsAreNeverGaps() throws Exception {
        CtStack s = onlyStack(TestData.data("ct/head-ge-hispeed-gantry-tilt"));
        assertEquals(16, s.size());
        assertEquals(18.5, s.tiltDegrees(), 0.1);
        assertEquals(1, problems(s, StackProblem.Kind.TILT).size());
        assertTrue(problems(s, StackProblem.Kind.GAP).isEmpty(), "no gap: " + s.problems());
        assertFalse(problems(s, StackProblem.Kind.UNEVEN).isEmpty(), "uneven steps reported: " + s.problems());
        Set<String> distinctSteps = new TreeSet<>();
        for (double d : steps(s)) {
            assertTrue(d > 0, "ascending d");
            distinctSteps.add(String.format("%.2f", d));
        }
        assertEquals(new TreeSet<>(List.of("4.00", "1.08", "7.00")), distinctSteps);
        // ../shared/data/ct/SOURCES.md: sorting by InstanceNumber gives the same order here.
        List<Integer> instances = s.slices().stream().map(CtSlice::instanceNumber).toList();
        List<Integer> sorted = new ArrayList<>(instances);
        Collections.sort(sorted);
        assertEquals(sorted, instances);
    }

    @Test
    void feetFirstSeriesIsOrderedByPositionAgainstInstanceNumber() throws Exception {
        CtStack s = onlyStack(TestData.data("ct/abdomen-ge-lightspeed16"));
        assertEquals(16, s.size());
        for (double d : steps(s)) {
            assertEquals(5.0, d, 0.01, "5 mm steps along n, ascending");
        }
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.slices().get(i).instanceNumber() < s.slices().get(i - 1).instanceNumber(),
                    "InstanceNumber descends while d ascends");
        }
        assertTrue(s.problems().isEmpty(), s.problems().toString());
        assertEquals(0, s.tiltDegrees());
        assertEquals(5.0, s.medianStep(), 1e-6);
    }

    @Test
    void renamedAndShuffledCopiesGiveTheSameStack(@TempDir Path tmp) throws Exception {
        Path src = TestData.data("ct/chest-philips-brilliance16p-lidc0314");
        List<String> expected = sopUids(onlyStack(src));
        Random random = new Random(20251127);
        List<Path> files = new ArrayList<>(TestData.dicomFiles(src));
        Collections.shuffle(files, random);
        for (int i = 0; i < files.size(); i++) {
            Path dir = tmp;
            for (int depth = random.nextInt(4); depth > 0; depth--) {
                dir = dir.resolve("d" + random.nextInt(3));
            }
            Files.createDirectories(dir);
            Files.copy(files.get(i), dir.resolve(String.format("x%03d.dcm", random.nextInt(1000) * 100 + i)));
        }
        CtStack shuffled = onlyStack(tmp);
        assertEquals(expected, sopUids(shuffled));
        assertTrue(shuffled.problems().isEmpty(), shuffled.problems().toString());
    }

    @Test
    void missingMiddleSliceIsAGapOfOne(@TempDir Path tmp) throws Exception {
        Path dir = copyAll(TestData.data("ct/chest-siemens-sensation10-b40f"), tmp.resolve("in"));
        CtStack full = onlyStack(dir);
        Files.delete(full.slices().get(6).path());
        CtStack holed = onlyStack(dir);
        assertEquals(full.size() - 1, holed.size());
        List<StackProblem> gaps = problems(holed, StackProblem.Kind.GAP);
        assertEquals(1, gaps.size(), holed.problems().toString());
        assertTrue(gaps.get(0).text().contains(", 1 slice(s) missing"), gaps.get(0).text());
        assertTrue(problems(holed, StackProblem.Kind.UNEVEN).isEmpty(), holed.problems().toString());
    }

    @Test
    void localizersBesideASeriesAreExcludedAndCounted(@TempDir Path tmp) throws Exception {
        Path dir = copyAll(TestData.data("ct/chest-siemens-sensation10-b70f"), tmp.resolve("in"));
        Path src = TestData.dicomFiles(dir).get(3);
        ExternalTools.modifiedCopy(src, dir.resolve("zz-localizer.dcm"), "-gin", "-m",
                "(0008,0008)=ORIGINAL\\PRIMARY\\LOCALIZER");
        ExternalTools.modifiedCopy(src, dir.resolve("zz-scout.dcm"), "-gin", "-m",
                "(0008,0008)=DERIVED\\SECONDARY\\OTHER\\SCOUT");
        ScanResult r = new SeriesScanner().scan(dir);
        assertEquals(2, r.localizersExcluded());
        assertEquals(1, r.stacks().size());
        assertEquals(12, r.stacks().get(0).size());
        assertTrue(r.stacks().get(0).problems().isEmpty(), r.stacks().get(0).problems().toString());
    }

    @Test
    void twoSeriesInOneFolderAreTwoStacks(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("in");
        Files.createDirectories(dir);
        for (String series : List.of("chest-siemens-sensation10-b40f", "chest-siemens-sensation10-b70f")) {
            for (Path f : TestData.dicomFiles(TestData.data("ct/" + series))) {
                Files.copy(f, dir.resolve(series.substring(series.length() - 4) + "-" + f.getFileName()));
            }
        }
        List<CtStack> stacks = new SeriesScanner().scan(dir).requireStacks();
        assertEquals(2, stacks.size());
        assertEquals(Set.of(onlyStack(TestData.data("ct/chest-siemens-sensation10-b40f")).id(),
                onlyStack(TestData.data("ct/chest-siemens-sensation10-b70f")).id()),
                Set.of(stacks.get(0).id(), stacks.get(1).id()));
        for (CtStack s : stacks) {
            assertEquals(12, s.size());
            assertFalse(s.id().contains("#"));
            assertTrue(s.problems().isEmpty(), s.problems().toString());
        }
    }

    /** Re-encodes a real slice with PixelMed after {@code edit}; meta information is rebuilt for the new UIDs. */
    private static Path rewritten(Path src, Path dst, java.util.function.Consumer<AttributeList> edit)
            throws Exception {
        AttributeList list = DicomFileReader.read(src, true).list();
        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();
        SyntheticCt.ui(list, TagFromName.SOPInstanceUID, Uids.newUid());
        edit.accept(list);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntaxes.EXPLICIT_LE, "DDLMTEST");
        list.write(dst.toFile(), TransferSyntaxes.EXPLICIT_LE, true, true);
        return dst;
    }

    @Test
    void smallerMatrixInASeriesIsMixedAndSplit(@TempDir Path tmp) throws Exception {
        Path dir = copyAll(TestData.data("ct/abdomen-ge-lightspeed16"), tmp.resolve("in"));
        rewritten(TestData.dicomFiles(dir).get(0), tmp.resolve("in/small.dcm"), list -> {
            try {
                SyntheticCt.us(list, TagFromName.Rows, 256);
                SyntheticCt.us(list, TagFromName.Columns, 256);
                SyntheticCt.ds(list, TagFromName.PixelSpacing, "1.5\\1.5");
                OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
                px.setValues(new short[256 * 256]);
                list.put(px);
            } catch (com.pixelmed.dicom.DicomException e) {
                throw new IllegalStateException(e);
            }
        });
        List<CtStack> stacks = new SeriesScanner().scan(dir).requireStacks();
        assertEquals(2, stacks.size());
        assertEquals(stacks.get(0).seriesInstanceUid(), stacks.get(1).seriesInstanceUid());
        CtStack big = stacks.stream().filter(s -> s.first().rows() == 512).findFirst().orElseThrow();
        CtStack small = stacks.stream().filter(s -> s.first().rows() == 256).findFirst().orElseThrow();
        assertEquals(16, big.size());
        assertEquals(1, small.size());
        assertTrue(small.id().endsWith("#2") || big.id().endsWith("#2"), big.id() + " / " + small.id());
        for (CtStack s : stacks) {
            List<StackProblem> mixed = problems(s, StackProblem.Kind.MIXED_MATRIX);
            assertEquals(1, mixed.size(), s.problems().toString());
            assertEquals("mixed matrix sizes (512x512: 16, 256x256: 1)", mixed.get(0).text());
        }
        // The small slice decodes too: stored 0 everywhere is HU = intercept.
        assertEquals((float) small.first().format().intercept(), small.first().loadHu().hu()[0]);
    }

    @Test
    void realSliceMadeMultiFrameIsEnhancedMultiframe(@TempDir Path tmp) throws Exception {
        Path src = TestData.data("ct/chest-siemens-sensation10-b40f/1-10.dcm");
        short[] one = DicomFileReader.read(src, true).list().get(TagFromName.PixelData).getShortValues();
        short[] two = new short[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        Path enhanced = rewritten(src, tmp.resolve("enhanced.dcm"), list -> {
            try {
                SyntheticCt.ui(list, TagFromName.SOPClassUID, SeriesScanner.ENHANCED_CT);
                IntegerStringAttribute frames = new IntegerStringAttribute(TagFromName.NumberOfFrames);
                frames.addValue(2);
                list.put(frames);
                OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
                px.setValues(two);
                list.put(px);
            } catch (com.pixelmed.dicom.DicomException e) {
                throw new IllegalStateException(e);
            }
        });
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(enhanced));
        assertEquals(Problem.ENHANCED_MULTIFRAME, e.problem());
        assertTrue(e.getMessage().contains("emf2sf"), e.getMessage());
        assertFalse(e.isInternal());
        // --force does not let multi-frame through: we cannot place its frames.
        assertEquals(Problem.ENHANCED_MULTIFRAME, assertThrows(DicomReadException.class,
                () -> new SeriesScanner(true).scan(enhanced)).problem());
    }

    @Test
    void missingGeometryOrPixelDataIsMissingAttribute(@TempDir Path tmp) throws Exception {
        Path src = TestData.data("ct/chest-siemens-sensation10-b40f/1-09.dcm");
        String[][] cases = {{"(0020,0032)", "00200032"}, {"(0020,0037)", "00200037"}, {"(0028,0030)", "00280030"},
                {"(7FE0,0010)", "7FE00010"}};
        for (String[] c : cases) {
            Path f = ExternalTools.modifiedCopy(src, tmp.resolve("no" + c[1] + ".dcm"), "-e", c[0]);
            DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(f), c[0]);
            assertEquals(Problem.MISSING_ATTRIBUTE, e.problem(), c[0] + ": " + e.getMessage());
            assertEquals(Integer.parseUnsignedInt(c[1], 16), e.tag(), c[0]);
            assertEquals(f, e.path());
        }
    }
}
