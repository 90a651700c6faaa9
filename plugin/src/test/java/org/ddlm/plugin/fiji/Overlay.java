package org.ddlm.plugin.fiji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where {@code package} puts the Fiji.app overlay and the launcher's jars, for the tests that run after it. */
final class Overlay {
    static final Path ROOT = Path.of(System.getProperty("ddlm.root", "..")).toAbsolutePath().normalize();
    static final Path FIJI = ROOT.resolve("plugin/target/fiji");
    static final Path LIB = ROOT.resolve("plugin/target/lib");

    private Overlay() {
    }

    /** Every jar under {@code dir}, at any depth, sorted. */
    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")).sorted()
                    .toList();
        }
    }
}
