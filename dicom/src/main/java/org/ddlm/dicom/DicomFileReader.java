package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one file: whole-file framing check first (bounded, see {@link FramingCheck}), then PixelMed's parse.
 * Every failure leaves as a {@link DicomReadException}; an unexpected RuntimeException is wrapped as internal.
 */
final class DicomFileReader {
    /** Far above any single-frame CT slice; refuses to slurp something huge that happens to sit in the folder. */
    private static final long MAX_FILE_BYTES = 1L << 30;

    private DicomFileReader() {
    }

    static ParsedFile read(Path path, boolean withPixels) throws DicomReadException {
        byte[] bytes = readBytes(path);
        ParsedFile parsed;
        try {
            parsed = parse(path, bytes, withPixels);
        } catch (DicomReadException e) {
            // dicom.md 1: without DICM, only a data set that parses completely counts as DICOM.
            if (!hasDicmPrefix(bytes) && !e.isInternal() && (e.problem() == Problem.TRUNCATED || e.problem() == Problem.LENGTH_BEYOND_END
                    || e.problem() == Problem.BAD_STRUCTURE)) {
                throw notDicom(path, "its start looks like a data set, but it does not parse (" + e.problem() + ")");
            }
            throw e;
        }
        if (!parsed.framing().part10() && (Attrs.string(parsed.list(), TagFromName.SOPClassUID).isEmpty()
                || Attrs.string(parsed.list(), TagFromName.Modality).isEmpty())) {
            throw notDicom(path, "a data set without SOPClassUID or Modality");
        }
        return parsed;
    }

    private static boolean hasDicmPrefix(byte[] b) {
        return b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    private static DicomReadException notDicom(Path path, String why) {
        return new DicomReadException(path, Problem.NOT_DICOM, "not a DICOM file (no DICM at byte 128; " + why + ")",
                "Remove it from the folder or convert it to DICOM");
    }

    private static ParsedFile parse(Path path, byte[] bytes, boolean withPixels) throws DicomReadException {
        try {
            Framing framing = FramingCheck.check(path, bytes);
            AttributeList list = new AttributeList();
            try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(bytes))) {
                if (withPixels) {
                    list.read(in);
                } else {
                    list.read(in, TagFromName.PixelData);
                }
            } catch (DicomException | IOException e) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "cannot be parsed (" + e.getMessage() + ")",
                        "The file is damaged; check it with dcmdump");
            }
            return new ParsedFile(path, framing, list);
        } catch (RuntimeException e) {
            throw DicomReadException.internal(path, e);
        }
    }

    private static byte[] readBytes(Path path) throws DicomReadException {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "file is " + size + " bytes, larger than any"
                        + " single CT image", "Remove it from the input folder");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DicomReadException(path, Problem.IO_ERROR, "file not found", "Check the path");
        } catch (IOException e) {
            throw new DicomReadException(path, Problem.IO_ERROR, "cannot be read (" + e.getMessage() + ")",
                    "Check the file's permissions");
        }
    }
}
