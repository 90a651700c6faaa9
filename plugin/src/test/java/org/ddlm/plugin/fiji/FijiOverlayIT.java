package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The Fiji.app overlay as {@code package} lays it out: the libraries Fiji lacks (JTransforms 3.1, JLargeArrays),
 * platform natives under jars/linux64 as on Fiji's update sites, and no manifest Class-Path (Debian's PixelMed has
 * one into /usr/share/java, which Fiji would follow outside Fiji.app).
 */
class FijiOverlayIT {
    private static final Path JARS = Overlay.FIJI.resolve("jars");

    private static boolean has(Path dir, String prefix) throws Exception {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar"));
        }
    }

    @Test
    void carriesJTransformsAndJLargeArrays() throws Exception {
        assertTrue(has(JARS, "JTransforms-3."), "JTransforms 3 in jars/");
        assertTrue(has(JARS, "JLargeArrays-"), "JLargeArrays in jars/");
    }

    @Test
    void nativesLiveUnderLinux64Only() throws Exception {
        assertTrue(has(JARS.resolve("linux64"), "pytorch-native-"), "natives in jars/linux64/");
        assertFalse(has(JARS, "pytorch-native-"), "no natives directly in jars/");
    }

    /**
     * Each platform folder holds only the natives of its platform, as DJL's own properties inside the jar say: always
     * linux64 (linux-x86_64); win64 (win-x86_64) and macosx (osx-aarch64) when built with -P fiji-all-platforms.
     */
    @Test
    void eachPlatformFolderHoldsItsOwnNatives() throws Exception {
        Map<String, String> classifiers = Map.of("linux64", "linux-x86_64", "win64", "win-x86_64", "macosx",
                "osx-aarch64");
        int folders = 0;
        for (Map.Entry<String, String> e : classifiers.entrySet()) {
            Path dir = JARS.resolve(e.getKey());
            if (!Files.isDirectory(dir)) {
                assertFalse(e.getKey().equals("linux64"), "jars/linux64 is missing");
                continue;
            }
            folders++;
            List<Path> jars = Overlay.jars(dir);
            assertEquals(1, jars.size(), dir + ": " + jars);
            try (JarFile jar = new JarFile(jars.get(0).toFile())) {
                Properties p = new Properties();
                p.load(jar.getInputStream(jar.getEntry("native/lib/pytorch.properties")));
                assertEquals(e.getValue(), p.getProperty("classifier"), jars.get(0).toString());
                assertEquals("cpu", p.getProperty("flavor"), jars.get(0).toString());
            }
        }
        System.out.println("platform folders in the overlay: " + folders);
    }

    @Test
    void pixelmedIsCompleteAndNoJarHasAClassPath() throws Exception {
        Path pixelmed = JARS.resolve("pixelmed-debian.jar");
        try (JarFile jar = new JarFile(pixelmed.toFile())) {
            assertTrue(jar.getEntry("com/pixelmed/dicom/AttributeList.class") != null, "PixelMed classes");
        }
        List<String> withClassPath = new ArrayList<>();
        List<Path> jars = Overlay.jars(Overlay.FIJI);
        for (Path p : jars) {
            try (JarFile jar = new JarFile(p.toFile())) {
                Manifest m = jar.getManifest();
                String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (cp != null && !cp.isBlank()) {
                    withClassPath.add(Overlay.FIJI.relativize(p) + ": " + cp);
                }
            }
        }
        assertTrue(jars.size() >= 12, "overlay jars: " + jars);
        assertEquals(List.of(), withClassPath);
    }
}
