package org.ddlm.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One file written whole or not at all: the content goes to a hidden sibling first and is renamed over the target
 * only when complete, so a failure or a kill never leaves a half file (or removes the old one).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the content of a file that does not exist yet. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** Writes {@code target} (creating its folder) from {@code content}; the temporary sibling is gone either way. */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        // Not createTempFile: its owner-only permissions would stay on the result. The process id and the clock keep
        // two writers of one target apart.
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            Files.createDirectories(abs.getParent());
            content.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write's own error, if any, is the one to report
            }
        }
    }

    /** Writes a UTF-8 text. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
    }
}
