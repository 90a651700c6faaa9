package org.ddlm.dicom;

import java.nio.file.Path;

/**
 * An output cannot be written: the folder is refused (inside an input, not empty, a file) or a file or the final move
 * fails. Always {@link Problem#BAD_OUTPUT}, or a library failure while encoding ({@link #isInternal()}).
 */
public class DicomWriteException extends DicomFileException {
    private static final long serialVersionUID = 1L;

    public DicomWriteException(Path path, String what, String todo) {
        super(path, Problem.BAD_OUTPUT, what, -1, -1, todo, false, null);
    }

    /** A library failure while encoding {@code path}'s derived slice (the message is the reader's wording). */
    static DicomWriteException internal(Path path, RuntimeException e) {
        return new DicomWriteException(path, Problem.BAD_STRUCTURE, e);
    }

    private DicomWriteException(Path path, Problem problem, RuntimeException e) {
        super(path, problem, "unexpected failure while parsing (" + e + ")", -1, -1,
                "The file is probably corrupt; please report it if dcmdump reads it without error", true, e);
    }
}
