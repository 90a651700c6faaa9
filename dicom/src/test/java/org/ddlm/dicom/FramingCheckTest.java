package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.ddlm.dicom.testing.HostileDicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded parsing rules of dicom.md section 2 on hand-built byte streams (Explicit VR Little Endian unless said),
 * plus the raw-data-set rule of section 1 and the Pixel Data length rule 5.
 */
class FramingCheckTest {
    private static final Path FILE = Path.of("built.dcm");
    private static final int SEQ = 0x00081115; // ReferencedSeriesSequence, any SQ will do

    // ---- byte builders ----

    private static byte[] el(int tag, String vr, byte[] value) {
        return HostileDicom.element(tag, vr, value);
    }

    private static byte[] text(int tag, String vr, String s) {
        return el(tag, vr, s.getBytes(StandardCharsets.US_ASCII));
    }

    /** A long-VR header with an explicit length (e.g. undefined = -1). */
    private static byte[] header(int tag, String vr, int length) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16))
                .putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(length)
                .array();
    }

    private static byte[] itemTag(int tag, int length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16))
                .putShort((short) tag).putInt(length).array();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] meta(String ts) {
        byte[] tsBytes = (ts.length() % 2 == 1 ? ts + "\0" : ts).getBytes(StandardCharsets.US_ASCII);
        byte[] group = el(0x00020010, "UI", tsBytes);
        byte[] length = el(0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(group.length).array());
        return cat(new byte[128], "DICM".getBytes(StandardCharsets.US_ASCII), length, group);
    }

    private static byte[] part10(byte[]... dataset) {
        return cat(meta(TransferSyntaxes.EXPLICIT_LE), cat(dataset));
    }

    private static final byte[] MODALITY = text(0x00080060, "CS", "CT");

    private static DicomReadException refused(byte[] file) {
        DicomReadException e = assertThrows(DicomReadException.class, () -> FramingCheck.check(FILE, file));
        assertFalse(e.isInternal());
        return e;
    }

    /** Sequences nested {@code depth} deep, each with one undefined-length item. */
    private static byte[] nested(int depth) {
        byte[] inner = MODALITY;
        for (int i = 0; i < depth; i++) {
            inner = cat(header(SEQ, "SQ", -1), itemTag(Tags.ITEM, -1), inner, itemTag(Tags.ITEM_DELIMITATION, 0),
                    itemTag(Tags.SEQUENCE_DELIMITATION, 0));
        }
        return inner;
    }

    // ---- tests ----

    @Test
    void wellFormedNestedAndDefinedLengthStructurePasses() throws Exception {
        byte[] item = cat(MODALITY, text(0x00100010, "PN", "A^B "));
        // ReferencedStudySequence: before SEQ, so the tags stay in order and each appears once.
        byte[] definedSq = el(0x00081110, "SQ", cat(itemTag(Tags.ITEM, item.length), item));
        Framing f = FramingCheck.check(FILE, part10(MODALITY, definedSq, nested(3), el(Tags.PIXEL_DATA, "OW",
                new byte[8])));
        assertTrue(f.part10());
        assertEquals(TransferSyntaxes.EXPLICIT_LE, f.transferSyntaxUid());
        assertEquals(8, f.pixelDataLength());
        assertTrue(f.notes().isEmpty(), f.notes().toString());
    }

    @Test
    void nestingDeeperThanSixteenIsRefused() {
        assertDoesNotThrow(() -> FramingCheck.check(FILE, part10(nested(16))));
        DicomReadException e = refused(part10(nested(17)));
        assertEquals(Problem.BAD_STRUCTURE, e.problem());
        // Very deep nesting is refused just the same, without a stack overflow.
        assertEquals(Problem.BAD_STRUCTURE, refused(part10(nested(5000))).problem());
    }

    @Test
    void lengthsMustFitTheirContainer() {
        byte[] item = cat(MODALITY, text(0x00100010, "PN", "A^B "));
        // Item length one byte beyond its sequence.
        byte[] longItem = el(SEQ, "SQ", cat(itemTag(Tags.ITEM, item.length + 1), item));
        assertEquals(Problem.LENGTH_BEYOND_END, refused(part10(longItem, MODALITY)).problem());
        // An element inside a defined-length item that runs past the item (but not past the file).
        byte[] bad = cat(text(0x00100010, "PN", "A^B "));
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) 40);
        byte[] sq = el(SEQ, "SQ", cat(itemTag(Tags.ITEM, bad.length), bad));
        DicomReadException e = refused(part10(sq, new byte[64]));
        assertEquals(Problem.LENGTH_BEYOND_END, e.problem());
        assertEquals(0x00100010, e.tag());
        // A huge declared length at the top level: refused before any allocation.
        DicomReadException big = refused(part10(MODALITY, header(0x00091010, "OB", 0x7FFFFFF0)));
        assertEquals(Problem.LENGTH_BEYOND_END, big.problem());
        assertEquals(0x00091010, big.tag());
    }

    @Test
    void undefinedLengthOnlyWhereAllowed() {
        DicomReadException ob = refused(part10(header(0x00091010, "OB", -1), itemTag(Tags.SEQUENCE_DELIMITATION, 0)));
        assertEquals(Problem.BAD_STRUCTURE, ob.problem());
        assertEquals(0x00091010, ob.tag());
        // An undefined-length UN is an Implicit VR sequence and is allowed.
        byte[] implicitItem = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0008)
                .putShort((short) 0x0060).putInt(2).put("CT".getBytes(StandardCharsets.US_ASCII)).array();
        assertDoesNotThrow(() -> FramingCheck.check(FILE, part10(header(0x00091010, "UN", -1),
                itemTag(Tags.ITEM, implicitItem.length), implicitItem, itemTag(Tags.SEQUENCE_DELIMITATION, 0))));
    }

    @Test
    void delimitersMustMatch() {
        assertEquals(Problem.BAD_STRUCTURE, refused(part10(MODALITY, itemTag(Tags.ITEM_DELIMITATION, 0))).problem());
        assertEquals(Problem.BAD_STRUCTURE, refused(part10(MODALITY, itemTag(Tags.ITEM, 0))).problem());
        byte[] delimiterInDefined = el(SEQ, "SQ", itemTag(Tags.SEQUENCE_DELIMITATION, 0));
        assertEquals(Problem.BAD_STRUCTURE, refused(part10(delimiterInDefined)).problem());
        // Undefined-length sequence never closed: the file ends first.
        assertEquals(Problem.TRUNCATED, refused(part10(header(SEQ, "SQ", -1), itemTag(Tags.ITEM, -1), MODALITY))
                .problem());
        // Something other than an item inside a sequence.
        assertEquals(Problem.BAD_STRUCTURE, refused(part10(header(SEQ, "SQ", -1), MODALITY)).problem());
    }

    @Test
    void tagsOutOfOrderAreANoteNotAnError() throws Exception {
        Framing f = FramingCheck.check(FILE, part10(text(0x00100010, "PN", "A^B "), MODALITY));
        assertEquals(1, f.notes().size());
        assertTrue(f.notes().get(0).contains("(0008,0060)"), f.notes().toString());
    }

    @Test
    void invalidVrIsBadStructure() {
        DicomReadException e = refused(part10(MODALITY, text(0x00100010, "ZZ", "AB")));
        assertEquals(Problem.BAD_STRUCTURE, e.problem());
        assertEquals(0x00100010, e.tag());
    }

    @Test
    void inflatedSizeIsCapped() throws Exception {
        // 20 MB of zeros compress about 1000:1, far past the 200x cap.
        byte[] plain = new byte[20 << 20];
        Deflater d = new Deflater(9, true);
        d.setInput(plain);
        d.finish();
        byte[] out = new byte[plain.length];
        int n = d.deflate(out);
        d.end();
        byte[] file = cat(meta(TransferSyntaxes.DEFLATED_LE), Arrays.copyOf(out, n));
        assertTrue(n * 200L < plain.length, "the test input must exceed the cap: " + n);
        DicomReadException e = refused(file);
        assertEquals(Problem.BAD_STRUCTURE, e.problem());
        // A corrupt stream and a cut-off stream get their own codes.
        byte[] corrupt = cat(meta(TransferSyntaxes.DEFLATED_LE), new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4});
        assertEquals(Problem.BAD_STRUCTURE, refused(corrupt).problem());
        byte[] real = Files.readAllBytes(TestData.negative("ct-deflated-explicit-le.dcm"));
        assertEquals(Problem.TRUNCATED, refused(Arrays.copyOf(real, real.length / 2)).problem());
    }

    @Test
    void unknownTransferSyntaxIsRefusedNamingIt() {
        DicomReadException e = refused(cat(meta("1.2.3.4.5"), MODALITY));
        assertEquals(Problem.UNSUPPORTED_TRANSFER_SYNTAX, e.problem());
        assertTrue(e.getMessage().contains("1.2.3.4.5"), e.getMessage());
        DicomReadException htj2k = refused(cat(meta("1.2.840.10008.1.2.4.201"), MODALITY));
        assertEquals(Problem.UNSUPPORTED_TRANSFER_SYNTAX, htj2k.problem());
        assertTrue(htj2k.getMessage().contains("Explicit VR Little Endian"), htj2k.getMessage());
    }

    @Test
    void rawDataSetsNeedAPlausibleFirstTag() throws Exception {
        // Explicit VR LE raw data set starting at (0008,0060): accepted as raw, explicit guessed from the VR.
        byte[] explicitRaw = cat(MODALITY, text(0x00100010, "PN", "A^B "));
        Framing f = FramingCheck.check(FILE, explicitRaw);
        assertFalse(f.part10());
        assertEquals(TransferSyntaxes.EXPLICIT_LE, f.transferSyntaxUid());
        assertTrue(f.notes().contains("no Part 10 header"));
        // The same elements starting with group 0010: not DICOM.
        assertEquals(Problem.NOT_DICOM, refused(cat(text(0x00100010, "PN", "A^B "), MODALITY)).problem());
        // DICM with garbage after it is DICOM, but damaged: an error, not NOT_DICOM.
        byte[] garbage = cat(new byte[128], "DICM".getBytes(StandardCharsets.US_ASCII), "garbage!garbage!"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(Problem.BAD_STRUCTURE, refused(garbage).problem());
    }

    @Test
    void corruptDicomIsAnErrorWhileScanningNeverASkip(@TempDir Path tmp) throws Exception {
        Path f = Files.write(tmp.resolve("a.dcm"), part10(MODALITY, header(0x00091010, "OB", 1000)));
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(tmp));
        assertEquals(Problem.LENGTH_BEYOND_END, e.problem());
        assertEquals(f, e.path());
    }

    @Test
    void pixelDataLengthRules(@TempDir Path tmp) throws Exception {
        short[] exact = {1, 2, 3, 4};
        // Two words too many: used, with a note. The HU come from the first Rows x Columns words.
        Path longer = SyntheticCt.write(tmp.resolve("long.dcm"),
                SyntheticCt.header(Uids.newUid(), 2, 2, 16, true, "1", "0", 0, 1), new short[] {1, 2, 3, 4, 5, 6});
        CtSlice slice = TestData.onlySlice(longer);
        assertTrue(slice.notes().stream().anyMatch(n -> n.contains("4 bytes more")), slice.notes().toString());
        assertArrayEquals(new float[] {1, 2, 3, 4}, slice.loadHu().hu());
        // One word short: TRUNCATED naming Pixel Data, though the file itself is complete.
        Path shorter = SyntheticCt.write(tmp.resolve("short.dcm"),
                SyntheticCt.header(Uids.newUid(), 2, 2, 16, true, "1", "0", 0, 1), Arrays.copyOf(exact, 3));
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(shorter));
        assertEquals(Problem.TRUNCATED, e.problem());
        assertEquals(Tags.PIXEL_DATA, e.tag());
        // Rows beyond 8192 are refused before any pixel is touched.
        Path huge = SyntheticCt.write(tmp.resolve("huge.dcm"),
                SyntheticCt.header(Uids.newUid(), 9000, 1, 16, true, "1", "0", 0, 1), exact);
        assertEquals(Problem.BAD_VALUE, assertThrows(DicomReadException.class,
                () -> new SeriesScanner().scan(huge)).problem());
    }

    /**
     * Pixel Data's VR changed from OW to UV or SV (two bytes): PixelMed would read 65,536 64-bit values one by one
     * (about 3 s, quadratic). The framing check refuses long SV/UV elements at once.
     */
    @Test
    void longSixtyFourBitElementsAreRefusedQuickly(@TempDir Path tmp) throws Exception {
        byte[] src = Files.readAllBytes(TestData.data(TestData.NEGATIVE_SOURCE));
        int vrAt = -1;
        for (int i = 132; i < src.length - 12; i++) {
            if (src[i] == (byte) 0xE0 && src[i + 1] == 0x7F && src[i + 2] == 0x10 && src[i + 3] == 0 && src[i + 4] == 'O'
                    && src[i + 5] == 'W') {
                vrAt = i + 4;
                break;
            }
        }
        assertTrue(vrAt > 0, "Pixel Data header found");
        for (String vr : new String[] {"UV", "SV"}) {
            byte[] b = src.clone();
            b[vrAt] = (byte) vr.charAt(0);
            b[vrAt + 1] = (byte) vr.charAt(1);
            Path f = Files.write(tmp.resolve(vr + ".dcm"), b);
            DicomReadException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(2), () -> assertThrows(DicomReadException.class,
                            () -> DicomFileReader.read(f, true)));
            assertEquals(Problem.BAD_STRUCTURE, e.problem(), vr);
            assertEquals(Tags.PIXEL_DATA, e.tag());
        }
        // A short one is fine.
        assertDoesNotThrow(() -> FramingCheck.check(FILE, part10(MODALITY, el(0x00091010, "UV", new byte[64]))));
    }
}
