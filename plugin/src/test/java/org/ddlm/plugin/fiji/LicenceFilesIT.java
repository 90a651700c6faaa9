package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * LICENSE and THIRD-PARTY-NOTICES exist, name the big three, travel in the plugin jar and the overlay, and every jar
 * that {@code package} lays out (overlay and plugin/target/lib) is named in the notices: a new or upgraded
 * dependency fails here until its licence is written down.
 */
class LicenceFilesIT {
    private static String read(Path p) throws IOException {
        assertTrue(Files.isRegularFile(p), p + " is missing");
        return Files.readString(p);
    }

    @Test
    void licenceAndNoticesNameTheRedistributedLibraries() throws Exception {
        assertTrue(read(Overlay.ROOT.resolve("LICENSE")).contains("BSD 2-Clause License"));
        String notices = read(Overlay.ROOT.resolve("THIRD-PARTY-NOTICES"));
        for (String name : List.of("PixelMed", "David A. Clunie", "DJL", "Apache License 2.0", "PyTorch",
                "BSD-3-Clause")) {
            assertTrue(notices.contains(name), "THIRD-PARTY-NOTICES does not name " + name);
        }
    }

    @Test
    void overlayAndPluginJarCarryBothFiles() throws Exception {
        for (String name : List.of("LICENSE", "THIRD-PARTY-NOTICES")) {
            String source = read(Overlay.ROOT.resolve(name));
            assertEquals(source, read(Overlay.FIJI.resolve(name)), "overlay " + name);
            Path plugin = Overlay.FIJI.resolve("plugins/LDCT_Diffusion-0.1.0.jar");
            try (JarFile jar = new JarFile(plugin.toFile())) {
                java.util.jar.JarEntry entry = jar.getJarEntry("META-INF/" + name);
                assertTrue(entry != null, plugin + " lacks META-INF/" + name);
                assertEquals(source, new String(jar.getInputStream(entry).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8), "META-INF/" + name);
            }
        }
    }

    @Test
    void everyShippedJarIsNamedInTheNotices() throws Exception {
        String notices = read(Overlay.ROOT.resolve("THIRD-PARTY-NOTICES"));
        List<Path> jars = new ArrayList<>(Overlay.jars(Overlay.FIJI));
        jars.addAll(Overlay.jars(Overlay.LIB));
        assertTrue(jars.size() > 20, "package laid out the overlay and lib: " + jars);
        List<String> missing = jars.stream().map(p -> p.getFileName().toString()).filter(n -> !notices.contains(n))
                .distinct().toList();
        assertEquals(List.of(), missing, "jars not named in THIRD-PARTY-NOTICES");
    }
}
