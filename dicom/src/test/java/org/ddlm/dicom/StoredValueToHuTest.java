package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dicom.md section 4 on synthetic pixels: masking above the high bit, sign extension, padding values and ranges, a
 * fractional slope. Every expected HU below is worked out by hand in the comment beside it.
 */
class StoredValueToHuTest {

    private static PixelFormat format(int n, int bitsStored, boolean signed, double slope, double intercept,
                                      Integer pad, Integer padLimit) {
        return new PixelFormat(1, n, 16, bitsStored, bitsStored - 1, signed, slope, intercept, pad, padLimit,
                "MONOCHROME2");
    }

    private static short[] words(int... w) {
        short[] s = new short[w.length];
        for (int i = 0; i < w.length; i++) {
            s[i] = (short) w[i];
        }
        return s;
    }

    @Test
    void unsigned12BitIgnoresGarbageAboveTheHighBit() {
        PixelFormat f = format(4, 12, false, 1, -1024, null, null);
        HuImage hu = f.toHu(words(0xF400, 0xA7FF, 0x1000, 0x0FFF));
        // 0xF400 -> 0x400 = 1024 -> 0; 0xA7FF -> 0x7FF = 2047 -> 1023; 0x1000 -> 0 -> -1024; 0xFFF = 4095 -> 3071
        assertArrayEquals(new float[] {0, 1023, -1024, 3071}, hu.hu());
        assertNull(hu.padding());
    }

    @Test
    void signed12BitIsSignExtendedFromBit11() {
        PixelFormat f = format(5, 12, true, 1, 0, null, null);
        HuImage hu = f.toHu(words(0x0FFF, 0x0800, 0xF800, 0x07FF, 0xEC18));
        // 0xFFF -> -1; 0x800 -> -2048; 0xF800 -> 0x800 -> -2048; 0x7FF -> 2047; 0xEC18 -> 0xC18 = 3096 - 4096 = -1000
        assertArrayEquals(new float[] {-1, -2048, -2048, 2047, -1000}, hu.hu());
    }

    @Test
    void signed16BitAndUnsigned16Bit() {
        assertArrayEquals(new float[] {-3024, 31743}, format(2, 16, true, 1, -1024, null, null)
                .toHu(words(0xF830, 0x7FFF)).hu()); // -2000 - 1024; 32767 - 1024
        assertArrayEquals(new float[] {62512, 31743}, format(2, 16, false, 1, -1024, null, null)
                .toHu(words(0xF830, 0x7FFF)).hu()); // 63536 - 1024; 32767 - 1024
    }

    @Test
    void fractionalSlope() {
        PixelFormat f = format(3, 12, false, 0.5, -1024, null, null);
        // 3 * 0.5 - 1024 = -1022.5; 4095 * 0.5 - 1024 = 1023.5; 2048 * 0.5 - 1024 = 0
        assertArrayEquals(new float[] {-1022.5f, 1023.5f, 0f}, f.toHu(words(3, 4095, 2048)).hu());
    }

    @Test
    void paddingValueUnsignedKeepsTheRescaledValueAndMasks() {
        PixelFormat f = format(3, 12, false, 1, -1024, 0, null);
        HuImage hu = f.toHu(words(0, 5, 0xF000)); // 0xF000 masks to 0: padding too
        assertArrayEquals(new float[] {-1024, -1019, -1024}, hu.hu());
        assertArrayEquals(new boolean[] {true, false, true}, hu.padding());
        assertArrayEquals(new float[] {-1000, -1019, -1000}, hu.filledCopy(-1000));
    }

    @Test
    void paddingValueSigned() {
        PixelFormat f = format(3, 16, true, 1, -1024, -2000, null);
        HuImage hu = f.toHu(words(-2000, -1999, 0));
        assertArrayEquals(new float[] {-3024, -3023, -1024}, hu.hu());
        assertArrayEquals(new boolean[] {true, false, false}, hu.padding());
    }

    @Test
    void paddingRangeIsInclusiveInEitherOrder() {
        boolean[] expected = {true, true, true, false, false};
        HuImage up = format(5, 12, false, 1, -1024, 0, 10).toHu(words(0, 5, 10, 11, 4000));
        assertArrayEquals(expected, up.padding());
        HuImage down = format(5, 12, false, 1, -1024, 10, 0).toHu(words(0, 5, 10, 11, 4000));
        assertArrayEquals(expected, down.padding());
        assertArrayEquals(new float[] {-1024, -1019, -1014, -1013, 2976}, up.hu());

        HuImage signed = format(5, 16, true, 1, 0, -2000, -1000).toHu(words(-2000, -1500, -1000, -999, 0));
        assertArrayEquals(expected, signed.padding());
        assertArrayEquals(new float[] {-2000, -1500, -1000, -999, 0}, signed.hu());
    }

    @Test
    void noPaddingMaskWhenNoPixelIsPadding() {
        assertNull(format(2, 16, true, 1, 0, -2000, null).toHu(words(1, 2)).padding());
    }

    /** PixelFormat.from reads padding per PixelRepresentation, whatever VR the file used (US or SS). */
    @Test
    void paddingAttributesAreReadPerPixelRepresentation() throws Exception {
        Path p = Path.of("synthetic.dcm");
        AttributeList signedUs = SyntheticCt.header("2.25.3", 2, 2, 16, true, "1", "-1024", 0, 1);
        SyntheticCt.padding(signedUs, false, 0xF830, null); // US 63536 in a signed image means -2000
        assertEquals(-2000, PixelFormat.from(p, signedUs).paddingValue());

        AttributeList unsignedRange = SyntheticCt.header("2.25.3", 2, 2, 12, false, "1", "-1024", 0, 1);
        SyntheticCt.padding(unsignedRange, false, 0, 100);
        PixelFormat f = PixelFormat.from(p, unsignedRange);
        assertEquals(0, f.paddingValue());
        assertEquals(100, f.paddingRangeLimit());

        AttributeList signedSs = SyntheticCt.header("2.25.3", 2, 2, 16, true, " 0.5 ", "-1.024E3", 0, 1);
        SyntheticCt.padding(signedSs, true, -1500, -1000);
        PixelFormat g = PixelFormat.from(p, signedSs);
        assertEquals(-1500, g.paddingValue());
        assertEquals(-1000, g.paddingRangeLimit());
        assertEquals(0.5, g.slope()); // lenient DS: spaces trimmed, exponent allowed
        assertEquals(-1024, g.intercept());
    }

    @Test
    void nonCtPixelFormatsAreUnsupported() throws Exception {
        Path p = Path.of("synthetic.dcm");
        AttributeList highBit = SyntheticCt.header("2.25.3", 2, 2, 12, false, "1", "-1024", 0, 1);
        SyntheticCt.us(highBit, TagFromName.HighBit, 15); // h != b - 1
        assertEquals(Problem.UNSUPPORTED_PIXEL_FORMAT, assertThrows(DicomReadException.class,
                () -> PixelFormat.from(p, highBit)).problem());

        AttributeList eightBit = SyntheticCt.header("2.25.3", 2, 2, 8, false, "1", "-1024", 0, 1);
        SyntheticCt.us(eightBit, TagFromName.BitsAllocated, 8);
        assertEquals(Problem.UNSUPPORTED_PIXEL_FORMAT, assertThrows(DicomReadException.class,
                () -> PixelFormat.from(p, eightBit)).problem());

        AttributeList rgb = SyntheticCt.header("2.25.3", 2, 2, 16, false, "1", "-1024", 0, 1);
        SyntheticCt.cs(rgb, TagFromName.PhotometricInterpretation, "RGB");
        assertEquals(Problem.UNSUPPORTED_PIXEL_FORMAT, assertThrows(DicomReadException.class,
                () -> PixelFormat.from(p, rgb)).problem());

        AttributeList lut = SyntheticCt.header("2.25.3", 2, 2, 16, false, "1", "-1024", 0, 1);
        lut.put(new SequenceAttribute(Tags.MODALITY_LUT_SEQUENCE));
        assertEquals(Problem.UNSUPPORTED_PIXEL_FORMAT, assertThrows(DicomReadException.class,
                () -> PixelFormat.from(p, lut)).problem());

        AttributeList badSlope = SyntheticCt.header("2.25.3", 2, 2, 16, false, "one", "-1024", 0, 1);
        DicomReadException e = assertThrows(DicomReadException.class, () -> PixelFormat.from(p, badSlope));
        assertEquals(Problem.BAD_VALUE, e.problem());
        assertEquals(0x00281053, e.tag());
    }

    /** The same arithmetic end to end: a PixelMed-written 12-bit file with garbage bits and a padding range. */
    @Test
    void syntheticFileThroughTheScanner(@TempDir Path tmp) throws Exception {
        AttributeList l = SyntheticCt.header(Uids.newUid(), 2, 3, 12, true, "0.5", "10", 0, 1);
        SyntheticCt.padding(l, true, -2048, -2040);
        Path file = SyntheticCt.write(tmp.resolve("s.dcm"), l, words(0xF800, 0x0804, 0x07FF, 0xA001, 0x0FFF, 0x0808));
        CtSlice slice = TestData.onlySlice(file);
        HuImage hu = slice.loadHu();
        // v: -2048, -2044, 2047, 1, -1, -2040; HU = v / 2 + 10
        assertArrayEquals(new float[] {-1014, -1012, 1033.5f, 10.5f, 9.5f, -1010}, hu.hu());
        assertArrayEquals(new boolean[] {true, true, false, false, false, true}, hu.padding());
        assertFalse(slice.forced());
    }

    /** A slope or intercept no CT uses would clamp every pixel: a bad value naming the element (issue 15 item 10). */
    @Test
    void absurdRescaleIsABadValue(@TempDir Path tmp) throws Exception {
        for (String[] c : new String[][] {{"1e30", "0", "00281053"}, {"0", "0", "00281053"}, {"1", "1e6", "00281052"}}) {
            AttributeList l = SyntheticCt.header(Uids.newUid(), 2, 2, 16, true, c[0], c[1], 0, 1);
            Path file = SyntheticCt.write(tmp.resolve(c[0] + "-" + c[1] + ".dcm"), l, words(1, 2, 3, 4));
            DicomReadException e = assertThrows(DicomReadException.class,
                    () -> new SeriesScanner().scan(file).requireStacks().get(0).first().loadHu());
            assertEquals(Problem.BAD_VALUE, e.problem(), e.getMessage());
            assertEquals(Integer.parseInt(c[2], 16), e.tag(), e.getMessage());
        }
    }

    @Test
    void rescaleTypeOtherThanHuIsNotCt(@TempDir Path tmp) throws Exception {
        AttributeList l = SyntheticCt.header(Uids.newUid(), 2, 2, 16, true, "1", "0", 0, 1);
        SyntheticCt.cs(l, TagFromName.RescaleType, "US");
        Path file = SyntheticCt.write(tmp.resolve("us.dcm"), l, words(1, 2, 3, 4));
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(file));
        assertEquals(Problem.NOT_CT, e.problem());
        assertEquals(0x00281054, e.tag());
    }
}
