package org.ddlm.dicom;

import java.nio.file.Path;

/**
 * What the {@code dicom} module throws: {@link DicomReadException} when an input cannot be read or checked,
 * {@link DicomWriteException} when an output cannot be written. It names the file, a {@link Problem} code, and where
 * known the element and byte offset, so a person can find and fix it. {@link #isInternal()} marks a library failure we
 * did not anticipate (wrapped RuntimeException); tests demand that none occur.
 */
public abstract class DicomFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Path path;
    private final Problem problem;
    private final int tag;
    private final long offset;
    private final boolean internal;

    DicomFileException(Path path, Problem problem, String what, int tag, long offset, String todo, boolean internal,
                       Throwable cause) {
        super(format(path, what, tag, offset, todo), cause);
        this.path = path;
        this.problem = problem;
        this.tag = tag;
        this.offset = offset;
        this.internal = internal;
    }

    private static String format(Path path, String what, int tag, long offset, String todo) {
        StringBuilder sb = new StringBuilder();
        sb.append(path == null ? "<input>" : path.toString()).append(": ").append(what);
        if (tag >= 0 || offset >= 0) {
            sb.append(" [");
            if (tag >= 0) {
                sb.append("element ").append(Tags.format(tag));
                String kw = Tags.keyword(tag);
                if (!kw.isEmpty()) {
                    sb.append(' ').append(kw);
                }
            }
            if (offset >= 0) {
                sb.append(tag >= 0 ? " at byte " : "at byte ").append(offset);
            }
            sb.append(']');
        }
        sb.append('.');
        if (todo != null && !todo.isEmpty()) {
            sb.append(' ').append(todo);
        }
        return sb.toString();
    }

    public Path path() {
        return path;
    }

    public Problem problem() {
        return problem;
    }

    /** The element concerned as (group << 16 | element), or -1. */
    public int tag() {
        return tag;
    }

    /** Byte offset in the file (or inflated stream), or -1. */
    public long offset() {
        return offset;
    }

    public boolean isInternal() {
        return internal;
    }
}
