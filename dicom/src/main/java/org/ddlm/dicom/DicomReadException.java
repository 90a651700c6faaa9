package org.ddlm.dicom;

import java.nio.file.Path;

/** An input (a DICOM file, a folder of them, a stack) cannot be read or does not pass the checks. */
public class DicomReadException extends DicomFileException {
    private static final long serialVersionUID = 1L;

    public DicomReadException(Path path, Problem problem, String what, String todo) {
        this(path, problem, what, -1, -1, todo, false, null);
    }

    public DicomReadException(Path path, Problem problem, String what, int tag, long offset, String todo) {
        this(path, problem, what, tag, offset, todo, false, null);
    }

    DicomReadException(Path path, Problem problem, String what, int tag, long offset, String todo, boolean internal,
                       Throwable cause) {
        super(path, problem, what, tag, offset, todo, internal, cause);
    }

    static DicomReadException internal(Path path, RuntimeException e) {
        return new DicomReadException(path, Problem.BAD_STRUCTURE, "unexpected failure while parsing (" + e + ")", -1, -1,
                "The file is probably corrupt; please report it if dcmdump reads it without error", true, e);
    }
}
