package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one file: whole-file framing check first (bounded, see {@link FramingCheck}), then PixelMed's parse of the
 * elements the check walked ({@link ConsistentParse}). The file is mapped, not copied into the heap, so values nobody
 * reads (a private blob of hundreds of megabytes) are never touched. Every failure leaves as a
 * {@link DicomReadException}; an unexpected RuntimeException is wrapped as internal.
 */
final class DicomFileReader {
    /** Far above any single-frame CT slice; refuses to map something huge that happens to sit in the folder. */
    private static final long MAX_FILE_BYTES = 1L << 30;

    static {
        PixelMedQuiet.apply();
    }

    private DicomFileReader() {
    }

    static ParsedFile read(Path path, boolean withPixels) throws DicomReadException {
        ByteBuffer bytes = map(path);
        ParsedFile parsed;
        try {
            parsed = parse(path, bytes, withPixels);
        } catch (DicomReadException e) {
            // dicom.md 1: without DICM, only a data set that parses completely counts as DICOM.
            if (!hasDicmPrefix(bytes) && !e.isInternal() && (e.problem() == Problem.TRUNCATED
                    || e.problem() == Problem.LENGTH_BEYOND_END || e.problem() == Problem.BAD_STRUCTURE)) {
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

    private static boolean hasDicmPrefix(ByteBuffer b) {
        return b.limit() >= 132 && b.get(128) == 'D' && b.get(129) == 'I' && b.get(130) == 'C' && b.get(131) == 'M';
    }

    private static DicomReadException notDicom(Path path, String why) {
        return new DicomReadException(path, Problem.NOT_DICOM, "not a DICOM file (no DICM at byte 128; " + why + ")",
                "Remove it from the folder or convert it to DICOM");
    }

    private static ParsedFile parse(Path path, ByteBuffer bytes, boolean withPixels) throws DicomReadException {
        try {
            Framing framing = FramingCheck.check(path, bytes);
            List<String> notes = new ArrayList<>(framing.notes());
            AttributeList list = ConsistentParse.parse(path, framing, withPixels, notes);
            return new ParsedFile(path, framing.withNotes(notes), list);
        } catch (RuntimeException e) {
            throw DicomReadException.internal(path, e);
        } catch (InternalError e) {
            // A mapped file cut short by another process faults on access (SIGBUS), which the JVM reports this way.
            throw new DicomReadException(path, Problem.IO_ERROR, "changed or became unreadable while being read ("
                    + e.getMessage() + ")", "Read it again once nothing else writes to it");
        }
    }

    /** The whole file, read-only; pages are loaded only where the walk or the parse looks. */
    private static ByteBuffer map(Path path) throws DicomReadException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_FILE_BYTES) {
                throw new DicomReadException(path, Problem.BAD_STRUCTURE, "file is " + size + " bytes, larger than any"
                        + " single CT image", "Remove it from the input folder");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new DicomReadException(path, Problem.IO_ERROR, "file not found", "Check the path");
        } catch (IOException e) {
            throw new DicomReadException(path, Problem.IO_ERROR, "cannot be read (" + e.getMessage() + ")",
                    "Check the file's permissions");
        }
    }
}
