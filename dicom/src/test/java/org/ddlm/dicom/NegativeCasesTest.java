package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every file of data/dicom-negative-cases gets the outcome of its README row (dicom.md sections 1, 2, 3 and 6). */
class NegativeCasesTest {

    private static DicomReadException readFails(Path file) {
        DicomReadException e = assertThrows(DicomReadException.class, () -> DicomFileReader.read(file, true),
                "expected " + file + " to be refused");
        assertFalse(e.isInternal(), "internal failure: " + e.getMessage());
        assertEquals(file, e.path());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "message names the file: " + e.getMessage());
        return e;
    }

    private static DicomReadException scanFails(Path fileOrFolder) {
        DicomReadException e = assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(fileOrFolder));
        assertFalse(e.isInternal(), "internal failure: " + e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ct-rle-lossless.dcm", "ct-deflated-explicit-le.dcm", "ct-explicit-big-endian.dcm",
            "ct-implicit-le-no-preamble-no-meta.dcm"})
    void readableVariantsDecodeToTheSourceStoredValues(String name) throws Exception {
        CtSlice slice = TestData.onlySlice(TestData.negative(name));
        HuImage hu = slice.loadHu();
        assertEquals(512, hu.height());
        assertEquals(512, hu.width());
        String md5 = TestData.md5LittleEndian(TestData.storedValues(hu, slice.format()));
        assertEquals(TestData.NEGATIVE_SOURCE_STORED_MD5, md5, name);
        // And the HU themselves equal the source's, pixel for pixel.
        assertArrayEquals(TestData.onlySlice(TestData.data(TestData.NEGATIVE_SOURCE)).loadHu().hu(), hu.hu(), name);
    }

    @Test
    void sourceSliceMatchesTheReadmeMd5() throws Exception {
        CtSlice slice = TestData.onlySlice(TestData.data(TestData.NEGATIVE_SOURCE));
        assertEquals(TestData.NEGATIVE_SOURCE_STORED_MD5,
                TestData.md5LittleEndian(TestData.storedValues(slice.loadHu(), slice.format())));
    }

    @Test
    void noPreambleFileIsAcceptedWithANote() throws Exception {
        Path file = TestData.negative("ct-implicit-le-no-preamble-no-meta.dcm");
        ParsedFile parsed = DicomFileReader.read(file, false);
        assertFalse(parsed.framing().part10());
        assertEquals(TransferSyntaxes.IMPLICIT_LE, parsed.framing().transferSyntaxUid());
        assertTrue(TestData.onlySlice(file).notes().contains("no Part 10 header"));
    }

    @Test
    void bigEndianWordsAreSwapped() throws Exception {
        // README: a reader that ignores endianness yields 0x30F8 where the true stored value is 0xF830 (-2000, the
        // padding value). Find such a pixel in the source and check the big-endian file gives the same word there.
        Path be = TestData.negative("ct-explicit-big-endian.dcm");
        CtSlice slice = TestData.onlySlice(be);
        assertEquals(TransferSyntaxes.EXPLICIT_BE, slice.transferSyntaxUid());
        short[] stored = TestData.storedValues(slice.loadHu(), slice.format());
        int padding = 0;
        for (short s : stored) {
            assertTrue(s != (short) 0x30F8, "unswapped word 0x30F8 found");
            if (s == (short) 0xF830) {
                padding++;
            }
        }
        assertTrue(padding > 1000, "expected many 0xF830 (-2000) padding pixels, found " + padding);
        assertEquals((short) 0xF830, stored[0], "corner pixel is padding");
    }

    @ParameterizedTest
    @CsvSource({"ct-jpeg2000-lossless.dcm, 1.2.840.10008.1.2.4.90, JPEG 2000, gdcmconv --raw",
            "ct-jpegls-lossless.dcm, 1.2.840.10008.1.2.4.80, JPEG-LS, dcmdjpls",
            "ct-jpeg-lossless-sv1.dcm, 1.2.840.10008.1.2.4.70, JPEG Lossless, dcmdjpeg"})
    void compressedSyntaxesAreRefusedNamingTheSyntax(String name, String uid, String syntaxName, String command) {
        Path file = TestData.negative(name);
        DicomReadException e = readFails(file);
        assertEquals(Problem.UNSUPPORTED_TRANSFER_SYNTAX, e.problem());
        assertTrue(e.getMessage().contains(uid), e.getMessage());
        assertTrue(e.getMessage().contains(syntaxName), e.getMessage());
        assertTrue(e.getMessage().contains(command), e.getMessage());
        // GDCM decodes all three, so every refusal offers it (for JPEG 2000 it is the only free decoder).
        assertTrue(e.getMessage().contains("gdcmconv --raw IN OUT"), e.getMessage());
        // The scanner refuses it too (a corrupt or unreadable DICOM file is an error, never a skip).
        assertEquals(Problem.UNSUPPORTED_TRANSFER_SYNTAX, scanFails(file).problem());
    }

    @Test
    void truncatedPixelDataIsRefusedNamingPixelData() {
        Path file = TestData.negative("truncated-mid-pixel-data.dcm");
        DicomReadException e = readFails(file);
        assertEquals(Problem.TRUNCATED, e.problem());
        assertEquals(0x7FE00010, e.tag());
        // README: pixel values start at byte 3,192, so the 12-byte OW header is at 3,180.
        assertEquals(3180, e.offset());
        // dicom.md 2: "<path>: <what> [element (gggg,eeee) Keyword at byte N]. <what to do>"
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(file.toString())
                + ": .+ \\[element \\(7FE0,0010\\) PixelData at byte 3180\\]\\. \\S.*"), e.getMessage());
        // No partial image: neither the header scan nor a pixel load returns one.
        DicomReadException s = scanFails(file);
        assertEquals(Problem.TRUNCATED, s.problem());
        assertEquals(0x7FE00010, s.tag());
    }

    @Test
    void lengthPastEndOfFileIsRefusedNamingTheElement() {
        Path file = TestData.negative("last-element-length-past-eof.dcm");
        DicomReadException e = readFails(file);
        assertEquals(Problem.LENGTH_BEYOND_END, e.problem());
        assertEquals(0x7FE11001, e.tag());
        assertTrue(e.getMessage().contains("(7FE1,1001)"), e.getMessage());
        // Headers-only reading still walks the whole file (rule 1: parsing runs past Pixel Data).
        DicomReadException h = assertThrows(DicomReadException.class, () -> DicomFileReader.read(file, false));
        assertEquals(Problem.LENGTH_BEYOND_END, h.problem());
        assertEquals(0x7FE11001, scanFails(file).tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-dicom-png-image.dcm", "not-dicom-text.dcm"})
    void nonDicomFilesAreNotDicomForTheReaderAndSkippedByTheScanner(String name) throws Exception {
        Path file = TestData.negative(name);
        assertEquals(Problem.NOT_DICOM, readFails(file).problem());
        ScanResult r = new SeriesScanner().scan(file);
        assertTrue(r.stacks().isEmpty());
        assertEquals(List.of(new ScanResult.Skipped(file, "not DICOM")), r.skipped());
        assertEquals("skipped " + file + ": not DICOM", r.skipped().get(0).toString());
        // With nothing else found, asking for stacks is an error that lists what was seen.
        DicomReadException none = assertThrows(DicomReadException.class, r::requireStacks);
        assertTrue(none.getMessage().contains(name), none.getMessage());
    }

    @Test
    void zeroStartWithoutDicmIsNotDicom(@TempDir Path tmp) throws Exception {
        byte[] bytes = new byte[4096];
        Path file = Files.write(tmp.resolve("zeros.dcm"), bytes);
        assertEquals(Problem.NOT_DICOM, readFails(file).problem());
        // Zeros followed by something tag-like still must not pass as a raw data set.
        bytes[4] = 'U';
        bytes[5] = 'L';
        Files.write(file, bytes);
        assertEquals(Problem.NOT_DICOM, readFails(file).problem());
        Path empty = Files.write(tmp.resolve("empty.dcm"), new byte[0]);
        assertEquals(Problem.NOT_DICOM, readFails(empty).problem());
    }

    @Test
    void relabelledMrIsNotCtButForceLetsItThrough() throws Exception {
        Path file = TestData.negative("ct-modality-relabelled-mr.dcm");
        DicomReadException e = scanFails(file);
        assertEquals(Problem.NOT_CT, e.problem());
        assertEquals(0x00080060, e.tag());
        assertTrue(e.getMessage().contains("MR"), e.getMessage());
        assertEquals(file, e.path());

        ScanResult forced = new SeriesScanner(true).scan(file);
        assertEquals(1, forced.stacks().size());
        CtSlice slice = forced.stacks().get(0).first();
        assertTrue(slice.forced());
        assertEquals(TestData.NEGATIVE_SOURCE_STORED_MD5,
                TestData.md5LittleEndian(TestData.storedValues(slice.loadHu(), slice.format())));
    }

    /**
     * A study folder that holds an MR image beside a CT series (common in real exports): the CT stack is found and the
     * MR file is skipped with its reason; a folder with nothing but the MR is refused as holding no CT (issue 15
     * item 15).
     */
    @Test
    void anMrImageInAStudyFolderIsSkippedNotFatal(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path study = java.nio.file.Files.createDirectories(tmp.resolve("study/ct"));
        Path ct = TestData.data("ct").resolve("chest-siemens-sensation10-b40f");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(ct)) {
            for (Path f : files.sorted().limit(2).toList()) {
                java.nio.file.Files.copy(f, study.resolve(f.getFileName()));
            }
        }
        Path mr = java.nio.file.Files.copy(TestData.negative("mr-real-sts001-t1.dcm"), tmp.resolve("study/mr.dcm"));
        ScanResult r = new SeriesScanner().scan(tmp.resolve("study"));
        assertEquals(1, r.requireStacks().size());
        assertEquals(2, r.stacks().get(0).size());
        assertEquals(1, r.skipped().size());
        assertEquals(mr, r.skipped().get(0).path());
        assertTrue(r.skipped().get(0).reason().startsWith("not CT: Modality is MR"), r.skipped().get(0).reason());

        Path onlyMr = java.nio.file.Files.createDirectories(tmp.resolve("only-mr"));
        java.nio.file.Files.copy(mr, onlyMr.resolve("mr.dcm"));
        DicomReadException e = assertThrows(DicomReadException.class,
                () -> new SeriesScanner().scan(onlyMr).requireStacks());
        assertEquals(Problem.NOT_CT, e.problem());
        assertTrue(e.getMessage().contains("no CT image stack found") && e.getMessage().contains("not CT"),
                e.getMessage());
    }

    @Test
    void realMrIsNotCt() {
        Path file = TestData.negative("mr-real-sts001-t1.dcm");
        DicomReadException e = scanFails(file);
        assertEquals(Problem.NOT_CT, e.problem());
        assertTrue(e.getMessage().contains("MR"), e.getMessage());
        assertEquals(file, e.path());
    }

    @Test
    void emptySopInstanceUidIsRefused() {
        Path file = TestData.negative("empty-sop-instance-uid.dcm");
        DicomReadException e = scanFails(file);
        assertEquals(Problem.EMPTY_SOP_INSTANCE_UID, e.problem());
        assertEquals(0x00080018, e.tag());
        assertEquals(file, e.path());
    }

    @Test
    void duplicateSopInstanceUidNamesBothFiles() {
        Path folder = TestData.negative("duplicate-sop-instance-uid");
        DicomReadException e = scanFails(folder);
        assertEquals(Problem.DUPLICATE_SOP_INSTANCE_UID, e.problem());
        assertEquals(0x00080018, e.tag());
        assertTrue(e.getMessage().contains(folder.resolve("1-20.dcm").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(folder.resolve("1-21-same-sop-uid-as-1-20.dcm").toString()),
                e.getMessage());
    }

    @Test
    void byteIdenticalCopiesAreDuplicatesToo(@TempDir Path tmp) throws Exception {
        Path src = TestData.data(TestData.NEGATIVE_SOURCE);
        Files.copy(src, tmp.resolve("a.dcm"));
        Files.copy(src, tmp.resolve("b.dcm"));
        DicomReadException e = scanFails(tmp);
        assertEquals(Problem.DUPLICATE_SOP_INSTANCE_UID, e.problem());
        assertTrue(e.getMessage().contains(tmp.resolve("a.dcm").toString())
                && e.getMessage().contains(tmp.resolve("b.dcm").toString()), e.getMessage());
    }

    /** Guards the table above: a new file in the folder must get a test row. */
    @Test
    void everyNegativeCaseIsCovered() throws IOException {
        Set<String> covered = Set.of("ct-rle-lossless.dcm", "ct-deflated-explicit-le.dcm", "ct-explicit-big-endian.dcm",
                "ct-implicit-le-no-preamble-no-meta.dcm", "ct-jpeg2000-lossless.dcm", "ct-jpegls-lossless.dcm",
                "ct-jpeg-lossless-sv1.dcm", "truncated-mid-pixel-data.dcm", "last-element-length-past-eof.dcm",
                "not-dicom-png-image.dcm", "not-dicom-text.dcm", "ct-modality-relabelled-mr.dcm", "mr-real-sts001-t1.dcm",
                "empty-sop-instance-uid.dcm", "duplicate-sop-instance-uid/1-20.dcm",
                "duplicate-sop-instance-uid/1-21-same-sop-uid-as-1-20.dcm");
        Path dir = TestData.data("dicom-negative-cases");
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".dcm"))
                    .forEach(f -> present.add(dir.relativize(f).toString()));
        }
        assertEquals(new TreeSet<>(covered), present, "negative cases without a test: "
                + Arrays.toString(present.stream().filter(p -> !covered.contains(p)).toArray()));
    }
}
