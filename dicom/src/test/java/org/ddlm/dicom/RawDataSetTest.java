package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dicom.md section 1: a file without DICM is accepted only when it starts with a plausible (0002,xxxx)/(0008,xxxx) tag,
 * parses completely, and has SOPClassUID and Modality. Anything else is NOT_DICOM, so the scanner skips it.
 */
class RawDataSetTest {

    private static Problem readProblem(Path file) {
        DicomReadException e = assertThrows(DicomReadException.class, () -> DicomFileReader.read(file, false));
        assertFalse(e.isInternal(), e.getMessage());
        return e.problem();
    }

    @Test
    void junkThatStartsLikeATagIsNotDicom(@TempDir Path tmp) throws Exception {
        byte[] junk = "\u0008\u0000\u0005\u0000 this is a text file, not a data set at all......"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(tmp.resolve("junk.dcm"), junk);
        assertEquals(Problem.NOT_DICOM, readProblem(file));
        ScanResult r = new SeriesScanner().scan(tmp);
        assertEquals(List.of(new ScanResult.Skipped(file, "not DICOM")), r.skipped());
    }

    @Test
    void rawDataSetWithoutSopClassOrModalityIsNotDicom(@TempDir Path tmp) throws Exception {
        // A structurally valid Explicit VR LE raw data set holding only (0008,0005) SpecificCharacterSet.
        byte[] onlyCharset = {0x08, 0x00, 0x05, 0x00, 'C', 'S', 0x0A, 0x00, 'I', 'S', 'O', '_', 'I', 'R', ' ', '1', '0',
                '0'};
        Path file = Files.write(tmp.resolve("charset-only.dcm"), onlyCharset);
        assertEquals(Problem.NOT_DICOM, readProblem(file));
    }

    @Test
    void truncatedRawDataSetIsNotDicomButTruncatedPart10IsAnError(@TempDir Path tmp) throws Exception {
        byte[] raw = Files.readAllBytes(TestData.negative("ct-implicit-le-no-preamble-no-meta.dcm"));
        Path cutRaw = Files.write(tmp.resolve("raw.dcm"), Arrays.copyOf(raw, 1999));
        assertEquals(Problem.NOT_DICOM, readProblem(cutRaw));
        byte[] part10 = Files.readAllBytes(TestData.data(TestData.NEGATIVE_SOURCE));
        Path cutPart10 = Files.write(tmp.resolve("p10.dcm"), Arrays.copyOf(part10, 1999));
        Problem p = readProblem(cutPart10);
        assertTrue(p == Problem.TRUNCATED || p == Problem.LENGTH_BEYOND_END, p.toString());
    }

    @Test
    void theRealRawFileStillReads() throws Exception {
        ParsedFile p = DicomFileReader.read(TestData.negative("ct-implicit-le-no-preamble-no-meta.dcm"), true);
        assertFalse(p.framing().part10());
        assertTrue(p.framing().notes().contains("no Part 10 header"));
    }
}
