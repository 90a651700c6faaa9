package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dicom.md sections 1 and 3: a real slice converted with DCMTK into every syntax we read decodes to the same stored
 * values, and an RLE copy of a slice of each real series equals its original pixel for pixel.
 */
class TransferSyntaxRoundTripTest {

    /** A 12-bit unsigned Siemens slice (Explicit LE) and a 16-bit signed GE one, so both pixel kinds get swapped. */
    @ParameterizedTest
    @ValueSource(strings = {"ct/chest-siemens-sensation10-b40f/1-12.dcm", "ct/head-ge-hispeed-gantry-tilt/12.dcm"})
    void dcmconvSyntaxesDecodeToIdenticalStoredValues(String relative, @TempDir Path tmp) throws Exception {
        ExternalTools.require("dcmconv");
        Path src = TestData.data(relative);
        CtSlice original = TestData.onlySlice(src);
        short[] expected = TestData.storedValues(original.loadHu(), original.format());
        String[][] variants = {{"+ti", TransferSyntaxes.IMPLICIT_LE}, {"+te", TransferSyntaxes.EXPLICIT_LE},
                {"+tb", TransferSyntaxes.EXPLICIT_BE}, {"+td", TransferSyntaxes.DEFLATED_LE}};
        for (String[] v : variants) {
            Path out = tmp.resolve("slice" + v[0].substring(1) + ".dcm");
            ExternalTools.run("dcmconv", v[0], src.toString(), out.toString());
            CtSlice converted = TestData.onlySlice(out);
            assertEquals(v[1], converted.transferSyntaxUid(), v[0]);
            assertEquals(original.format(), converted.format(), v[0]);
            assertArrayEquals(expected, TestData.storedValues(converted.loadHu(), converted.format()), v[0]);
        }
    }

    static List<Path> middleSliceOfEachSeries() throws Exception {
        return TestData.ctSeries().stream().map(dir -> {
            try {
                List<Path> files = TestData.dicomFiles(dir);
                return files.get(files.size() / 2);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @ParameterizedTest
    @MethodSource("middleSliceOfEachSeries")
    void dcmcrleCopyEqualsItsOriginal(Path src, @TempDir Path tmp) throws Exception {
        Path rle = ExternalTools.rleCopy(src, tmp.resolve("rle.dcm"));
        CtSlice original = TestData.onlySlice(src);
        CtSlice compressed = TestData.onlySlice(rle);
        assertEquals(TransferSyntaxes.RLE, compressed.transferSyntaxUid());
        HuImage a = original.loadHu();
        HuImage b = compressed.loadHu();
        assertArrayEquals(TestData.storedValues(a, original.format()), TestData.storedValues(b, compressed.format()));
        assertArrayEquals(a.hu(), b.hu());
        assertArrayEquals(a.padding(), b.padding());
    }
}
