package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ddlm.dicom.testing.HostileDicom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 items 3, 4, 12, 16 and 17 on files made here from one real slice: the framing check and PixelMed read every
 * byte the same way or the file is refused with a message naming the file, the element and the fix; large values are
 * not kept; a character set PixelMed cannot decode is read byte for byte.
 */
class OneReadingTest {
    private static final int HIDDEN = 0x00091001;
    private static byte[] source;
    private static float[] sourceHu;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readSource() throws Exception {
        Path src = TestData.data(TestData.NEGATIVE_SOURCE);
        source = Files.readAllBytes(src);
        sourceHu = TestData.onlySlice(src).loadHu().hu();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(tmp.resolve(name), bytes);
    }

    /** Refused while scanning, not as an internal error, naming the file. */
    private static DicomReadException refused(Path file) {
        DicomReadException e = assertThrows(DicomReadException.class, () -> {
            for (CtStack s : new SeriesScanner().scan(file).stacks()) {
                for (CtSlice slice : s.slices()) {
                    slice.loadHu();
                }
            }
        });
        assertFalse(e.isInternal(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e;
    }

    private static void assertReservedBytesRefusal(DicomReadException e) {
        assertEquals(Problem.BAD_STRUCTURE, e.problem(), e.getMessage());
        assertEquals(HIDDEN, e.tag(), e.getMessage());
        assertTrue(e.getMessage().contains("reserved bytes after VR OB are 04 00"), e.getMessage());
        assertTrue(e.getMessage().contains("dcmconv IN OUT"), e.getMessage());
    }

    // ---- item 3: the three repros ----

    /** (c): PixelMed would read a hidden RescaleIntercept 1000 instead of -1024, 2,024 HU off with exit 0. */
    @Test
    void hiddenInterceptIsRefused() throws Exception {
        Path f = write("c.dcm", HostileDicom.beforePixelData(source, HostileDicom.hiddenIn(
                HostileDicom.text(0x00281052, "DS", "1000"))));
        assertReservedBytesRefusal(refused(f));
    }

    /** (b): a hidden OW whose length is 0xFFFFFFF0 made a 4.4 GB allocation in a 527 KB file. */
    @Test
    void hiddenHugeLengthIsRefused() throws Exception {
        byte[] owHeader = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0009)
                .putShort((short) 0x1002).put("OW".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0)
                .putInt(0xFFFFFFF0).array();
        Path f = write("b.dcm", HostileDicom.beforePixelData(source, HostileDicom.hiddenIn(owHeader)));
        assertReservedBytesRefusal(refused(f));
    }

    /** (a): 100,000 hidden nested sequences gave a StackOverflowError stack trace. */
    @Test
    void hiddenDeepNestingIsRefused() throws Exception {
        Path f = write("a.dcm", HostileDicom.beforePixelData(source, HostileDicom.hiddenIn(
                HostileDicom.deepSequences(0x00091003, 100_000))));
        assertReservedBytesRefusal(refused(f));
    }

    /** Deep nesting anywhere (not hidden) is refused by depth, never by a stack overflow. */
    @Test
    void deepNestingIsRefusedWithoutStackOverflow() throws Exception {
        for (int depth : new int[] {17, 100_000}) {
            Path f = write("deep" + depth + ".dcm", HostileDicom.beforePixelData(source,
                    HostileDicom.deepSequences(0x00091003, depth)));
            DicomReadException e = refused(f);
            assertEquals(Problem.BAD_STRUCTURE, e.problem());
            assertTrue(e.getMessage().contains("nested deeper than 16"), e.getMessage());
        }
    }

    /** Reserved bytes of ASCII "00": every reader takes the long form, so the file reads, to the source's HU. */
    @Test
    void asciiZeroReservedBytesReadTheSame() throws Exception {
        byte[] b = source.clone();
        int px = HostileDicom.pixelDataHeader(b);
        b[px + 6] = '0';
        b[px + 7] = '0';
        assertArrayEquals(sourceHu, TestData.onlySlice(write("zeros.dcm", b)).loadHu().hu());
    }

    @Test
    void nonZeroReservedBytesInsideASequenceAreRefused() throws Exception {
        byte[] item = HostileDicom.element(0x00091010, "OB", new byte[4], 1);
        byte[] seq = HostileDicom.element(0x00081110, "SQ", HostileDicom.cat(HostileDicom.itemHeader(Tags.ITEM,
                item.length), item));
        DicomReadException e = refused(write("nested.dcm", HostileDicom.beforePixelData(source, seq)));
        assertEquals(0x00091010, e.tag());
        assertTrue(e.getMessage().contains("reserved bytes"), e.getMessage());
    }

    // ---- item 3: duplicate tags ----

    /** A plain second RescaleIntercept: PixelMed would keep the last, DCMTK the first. */
    @Test
    void duplicateTagIsRefusedNamingIt() throws Exception {
        DicomReadException e = refused(write("dup.dcm", HostileDicom.beforePixelData(source,
                HostileDicom.text(0x00281052, "DS", "1000"))));
        assertEquals(Problem.BAD_STRUCTURE, e.problem());
        assertEquals(0x00281052, e.tag());
        assertTrue(e.getMessage().contains("appears twice") && e.getMessage().contains("RescaleIntercept"),
                e.getMessage());
    }

    @Test
    void duplicateTagInsideAnItemIsRefused() throws Exception {
        byte[] uid = HostileDicom.text(0x00081150, "UI", "1.2.3");
        byte[] item = HostileDicom.cat(uid, uid);
        byte[] seq = HostileDicom.element(0x00081110, "SQ", HostileDicom.cat(HostileDicom.itemHeader(Tags.ITEM,
                item.length), item));
        assertEquals(0x00081150, refused(write("dupitem.dcm", HostileDicom.beforePixelData(source, seq))).tag());
    }

    /** Decision: a private element given twice is never read by ddlm, so it does not stop the file. */
    @Test
    void duplicatePrivateElementIsNotRead() throws Exception {
        byte[] creator = HostileDicom.text(0x00330010, "LO", "DDLMTEST");
        byte[] blob = HostileDicom.element(0x00331001, "OB", new byte[] {1, 2});
        Path f = write("dupprivate.dcm", HostileDicom.beforePixelData(source, creator, blob, blob));
        assertArrayEquals(sourceHu, TestData.onlySlice(f).loadHu().hu());
    }

    // ---- item 3: UN values that are sequences ----

    /** A defined-length UN whose value is an Implicit VR sequence (as after a dictionary-less conversion). */
    @Test
    void unSequencesAreWalkedAsPixelMedReadsThem() throws Exception {
        byte[] implicitUid = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0008)
                .putShort((short) 0x1150).putInt(6).put("1.2.3\0".getBytes(StandardCharsets.US_ASCII)).array();
        byte[] value = HostileDicom.cat(HostileDicom.itemHeader(Tags.ITEM, implicitUid.length), implicitUid);
        Path ok = write("un.dcm", HostileDicom.beforePixelData(source, HostileDicom.element(0x00081110, "UN", value)));
        CtSlice slice = TestData.onlySlice(ok);
        assertArrayEquals(sourceHu, slice.loadHu().hu());

        // The same UN holding sequences nested 40 deep: walked, and refused by depth.
        byte[] deep = implicitUid;
        for (int i = 0; i < 40; i++) {
            byte[] inner = HostileDicom.cat(HostileDicom.itemHeader(Tags.ITEM, deep.length), deep);
            deep = ByteBuffer.allocate(8 + inner.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0008)
                    .putShort((short) 0x1140).putInt(inner.length).put(inner).array();
        }
        byte[] deepValue = HostileDicom.cat(HostileDicom.itemHeader(Tags.ITEM, deep.length), deep);
        DicomReadException e = refused(write("undeep.dcm", HostileDicom.beforePixelData(source,
                HostileDicom.element(0x00081110, "UN", deepValue))));
        assertTrue(e.getMessage().contains("nested deeper than 16"), e.getMessage());
    }

    // ---- the check after the parse ----

    @Test
    void mismatchNamesTheElementPixelMedSawDifferently() {
        AttributeList list = new AttributeList();
        list.put(new com.pixelmed.dicom.DecimalStringAttribute(TagFromName.RescaleIntercept));
        Framing.Element modality = new Framing.Element(0x00080060, 0, 8, 2, 10, true);
        Framing.Element intercept = new Framing.Element(0x00281052, 10, 18, 4, 22, true);
        String extra = ConsistentParse.mismatch(list, List.of(modality));
        assertTrue(extra.contains("(0028,1052) RescaleIntercept") && extra.contains("hidden"), extra);
        list.put(new com.pixelmed.dicom.CodeStringAttribute(TagFromName.Modality));
        String missing = ConsistentParse.mismatch(list, List.of(modality, intercept,
                new Framing.Element(0x00200013, 22, 30, 2, 32, true)));
        assertTrue(missing.contains("cannot read element (0020,0013) InstanceNumber"), missing);
        assertNull(ConsistentParse.mismatch(list, List.of(modality, intercept)));
    }

    // ---- item 12 and 17: Pixel Data framing messages ----

    /** Native syntax, but Pixel Data of undefined length: used to say "RLE header declares 4163958832 segments". */
    @Test
    void nativePixelDataOfUndefinedLengthGetsAClearMessage() throws Exception {
        int px = HostileDicom.pixelDataHeader(source);
        byte[] fragment = Arrays.copyOfRange(source, px + 12, source.length);
        byte[] encapsulated = HostileDicom.cat(HostileDicom.undefinedHeader(Tags.PIXEL_DATA, "OB"),
                HostileDicom.itemHeader(Tags.ITEM, 0), HostileDicom.itemHeader(Tags.ITEM, fragment.length), fragment,
                HostileDicom.itemHeader(Tags.SEQUENCE_DELIMITATION, 0));
        DicomReadException e = refused(write("undef.dcm", HostileDicom.cat(Arrays.copyOf(source, px), encapsulated)));
        assertEquals(Tags.PIXEL_DATA, e.tag());
        assertTrue(e.getMessage().contains("undefined length") && e.getMessage().contains("Explicit VR Little Endian")
                && !e.getMessage().contains("segments"), e.getMessage());
    }

    /** Several fragments per RLE frame: refused naming the converters, and dcmdrle's output does read, to the HU. */
    @Test
    void rleWithSeveralFragmentsNamesTheFixAndTheFixWorks() throws Exception {
        ExternalTools.require("dcmcrle", "dcmdrle");
        Path rle = ExternalTools.rleCopy(TestData.data(TestData.NEGATIVE_SOURCE), tmp.resolve("rle.dcm"));
        byte[] b = Files.readAllBytes(rle);
        long[] frag = FramingCheck.check(rle, b).fragments().get(0);
        int at = (int) frag[0];
        int len = (int) frag[1];
        int half = len / 2 & ~1;
        // One fragment item [at-8, at+len) becomes two: the first half and the rest.
        byte[] split = HostileDicom.cat(Arrays.copyOf(b, at - 8), HostileDicom.itemHeader(Tags.ITEM, half),
                Arrays.copyOfRange(b, at, at + half), HostileDicom.itemHeader(Tags.ITEM, len - half),
                Arrays.copyOfRange(b, at + half, b.length));
        Path two = write("two.dcm", split);
        DicomReadException e = refused(two);
        assertEquals(Tags.PIXEL_DATA, e.tag());
        assertTrue(e.getMessage().contains("2 fragments") && e.getMessage().contains("dcmdrle IN OUT")
                && e.getMessage().contains("gdcmconv --raw IN OUT"), e.getMessage());
        Path fixed = tmp.resolve("fixed.dcm");
        ExternalTools.run("dcmdrle", two.toString(), fixed.toString());
        assertArrayEquals(sourceHu, TestData.onlySlice(fixed).loadHu().hu());
    }

    // ---- item 4: large values are not kept ----

    @Test
    void privateAndHugeValuesAreNotReadIntoTheHeader() throws Exception {
        byte[] creator = HostileDicom.text(0x00330010, "LO", "DDLMTEST");
        byte[] privateBlob = HostileDicom.element(0x00331001, "OB", new byte[6 << 20]);
        byte[] publicBlob = HostileDicom.element(0x00420011, "OB", new byte[5 << 20]);
        Path f = write("large.dcm", HostileDicom.beforePixelData(source, creator, privateBlob, publicBlob));
        CtSlice slice = TestData.onlySlice(f);
        assertNull(slice.header().get(new AttributeTag(0x0033, 0x1001)));
        assertNull(slice.header().get(new AttributeTag(0x0033, 0x0010)));
        assertNull(slice.header().get(new AttributeTag(0x0042, 0x0011)));
        assertTrue(slice.notes().stream().anyMatch(n -> n.contains("(0042,0011) of 5242880 bytes not read")),
                slice.notes().toString());
        assertFalse(slice.notes().stream().anyMatch(n -> n.contains("(0033,1001)")), slice.notes().toString());
        assertEquals("CRLM-CT-1004", Attrs.string(slice.header(), TagFromName.PatientName));
        assertArrayEquals(sourceHu, slice.loadHu().hu());
    }

    // ---- item 16: character sets ----

    /** GB2312 through ISO 2022 escapes: PixelMed throws inside and loses the name; it is read byte for byte. */
    @Test
    void undecodableCharacterSetIsReadAndCopiedByteForByte() throws Exception {
        byte[] name = "Zhang^XiaoDong=\u001b$)A\u00d5\u00c5^\u001b$)A\u00d0\u00a1\u00b6\u00ab="
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = source;
        int cs = HostileDicom.find(b, 0x00080005, "CS");
        b = HostileDicom.replace(b, cs, 8 + 10, HostileDicom.text(0x00080005, "CS", "\\ISO 2022 IR 58"));
        int pn = HostileDicom.find(b, 0x00100010, "PN");
        int pnLength = (b[pn + 6] & 0xFF) | (b[pn + 7] & 0xFF) << 8;
        b = HostileDicom.replace(b, pn, 8 + pnLength, HostileDicom.element(0x00100010, "PN", Arrays.copyOf(name,
                name.length + name.length % 2)));
        Path in = Files.createDirectory(tmp.resolve("in"));
        Path f = write("in/gb.dcm", b);
        ScanResult scan = new SeriesScanner().scan(in);
        CtSlice slice = scan.stacks().get(0).first();
        assertTrue(slice.notes().stream().anyMatch(n -> n.contains("'\\ISO 2022 IR 58' is not decoded")),
                slice.notes().toString());
        assertArrayEquals(sourceHu, slice.loadHu().hu());

        Path out = tmp.resolve("out");
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(out, List.of(in), false)) {
            w.beginStack(scan.stacks().get(0), Derivation.copy()).write(0, slice.loadHu().hu(), slice.loadHu());
            w.commit();
        }
        byte[] written = Files.readAllBytes(TestData.dicomFiles(out).get(0));
        assertTrue(HostileDicom.indexOf(written, name) > 0, "the name's bytes are copied unchanged");
        assertTrue(HostileDicom.indexOf(written, "\\ISO 2022 IR 58".getBytes(StandardCharsets.US_ASCII)) > 0);
        assertEquals(f, slice.path());
    }
}
