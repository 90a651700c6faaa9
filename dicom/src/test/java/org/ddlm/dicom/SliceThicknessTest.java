package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SliceThickness per slice and per stack: the thickness the normal-dose floor of the noise estimate scales with. */
class SliceThicknessTest {

    private static final Pattern DCMDUMP_DS = Pattern.compile("\\(0018,0050\\) DS \\[([^\\]]*)\\]");

    private static CtStack onlyStack(Path folder) throws DicomReadException {
        List<CtStack> stacks = new SeriesScanner().scan(folder).requireStacks();
        assertEquals(1, stacks.size(), "stacks in " + folder);
        return stacks.get(0);
    }

    /** dcmdump's reading of the attribute, the independent reference. */
    private static double dcmdumpThickness(Path file) throws Exception {
        Matcher m = DCMDUMP_DS.matcher(ExternalTools.run("dcmdump", "+P", "0018,0050", file.toString()));
        assertTrue(m.find(), "dcmdump shows no SliceThickness in " + file);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void everySliceReadsAsDcmdumpDoesAndTheStackTakesTheMedian() throws Exception {
        CtStack lidc = onlyStack(TestData.data("ct/chest-philips-brilliance16p-lidc0314"));
        for (CtSlice s : lidc.slices()) {
            assertEquals(dcmdumpThickness(s.path()), s.sliceThicknessMm(), 1e-9, s.path().toString());
        }
        assertEquals(1.0, lidc.sliceThicknessMm(), 1e-9);
        // This head series mixes 4 mm (instances 7-14) and 7 mm (15-22) slices: the median falls between.
        CtStack head = onlyStack(TestData.data("ct/head-ge-hispeed-gantry-tilt"));
        long thin = head.slices().stream().filter(s -> s.sliceThicknessMm() == 4.0).count();
        long thick = head.slices().stream().filter(s -> s.sliceThicknessMm() == 7.0).count();
        assertEquals(List.of(8L, 8L), List.of(thin, thick));
        assertEquals(5.5, head.sliceThicknessMm(), 1e-9);
        for (int i = 0; i < head.size(); i++) {
            assertEquals(dcmdumpThickness(head.slices().get(i).path()), head.sliceThicknessMm(i), 1e-9, "slice " + i);
        }
    }

    @Test
    void anAbsentOrNonPositiveThicknessIsUnknownAndTheStackUsesTheOthers(@TempDir Path dir) throws Exception {
        String uid = "2.25.77";
        short[] words = new short[16 * 16];
        AttributeList none = SyntheticCt.header(uid, 16, 16, 16, true, "1", "-1024", 0.0, 1);
        SyntheticCt.write(dir.resolve("a.dcm"), none, words);
        AttributeList zero = SyntheticCt.header(uid, 16, 16, 16, true, "1", "-1024", 2.0, 2);
        SyntheticCt.ds(zero, TagFromName.SliceThickness, "0");
        SyntheticCt.write(dir.resolve("b.dcm"), zero, words);
        CtStack unknown = onlyStack(dir);
        assertTrue(Double.isNaN(unknown.slices().get(0).sliceThicknessMm()));
        assertTrue(Double.isNaN(unknown.slices().get(1).sliceThicknessMm()));
        assertTrue(Double.isNaN(unknown.sliceThicknessMm()));

        AttributeList three = SyntheticCt.header(uid, 16, 16, 16, true, "1", "-1024", 4.0, 3);
        SyntheticCt.ds(three, TagFromName.SliceThickness, "3.0");
        SyntheticCt.write(dir.resolve("c.dcm"), three, words);
        assertEquals(3.0, onlyStack(dir).sliceThicknessMm(), 1e-9);

        AttributeList five = SyntheticCt.header(uid, 16, 16, 16, true, "1", "-1024", 6.0, 4);
        SyntheticCt.ds(five, TagFromName.SliceThickness, "5.0");
        SyntheticCt.write(dir.resolve("d.dcm"), five, words);
        CtStack mixed = onlyStack(dir);
        // A slice without its own thickness takes the median of the others (4 mm); one with it keeps its own.
        assertEquals(List.of(4.0, 4.0, 3.0, 5.0), List.of(mixed.sliceThicknessMm(0), mixed.sliceThicknessMm(1),
                mixed.sliceThicknessMm(2), mixed.sliceThicknessMm(3)));
    }
}
