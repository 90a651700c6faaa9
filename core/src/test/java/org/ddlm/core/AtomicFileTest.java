package org.ddlm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is written whole or not at all, and no temporary sibling stays either way. */
class AtomicFileTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheTargetAndCreatesItsFolder() throws Exception {
        Path target = tmp.resolve("a/b/out.json");
        AtomicFile.writeString(target, "one\n");
        AtomicFile.writeString(target, "two\n");
        assertEquals("two\n", Files.readString(target));
        assertEquals(List.of("a/b/out.json"), names());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws Exception {
        Path target = tmp.resolve("out.npz");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, part -> {
            Files.writeString(part, "half a file");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.npz"), names());
    }
}
