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
        try {
            byte[] bytes = readBytes(path);
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
