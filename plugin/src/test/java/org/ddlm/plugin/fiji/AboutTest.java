package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Help > About Plugins > About DDLM: listed in plugins.config under ImageJ's Help>About Plugins menu, and its text
 * carries the build's version (the parent pom's), the LICENSE and THIRD-PARTY-NOTICES as they are in the repository.
 * (FijiCommandsIT runs the command itself inside the overlay.)
 */
class AboutTest {
    private static final Path ROOT = Path.of(System.getProperty("ddlm.root", "..")).toAbsolutePath().normalize();

    @Test
    void pluginsConfigListsTheAboutEntry() throws Exception {
        String config = new String(AboutTest.class.getResourceAsStream("/plugins.config").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(config.lines().anyMatch(l -> l.equals(
                "Help>About Plugins, \"About DDLM...\", org.ddlm.plugin.fiji.AboutPlugin")), config);
        assertTrue(PlugIn.class.isAssignableFrom(Class.forName("org.ddlm.plugin.fiji.AboutPlugin")));
    }

    @Test
    void textHasVersionLicenceAndNotices() throws Exception {
        Matcher m = Pattern.compile("<artifactId>ddlm-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find());
        assertEquals(m.group(1), AboutText.version());
        String text = AboutText.text();
        assertTrue(text.startsWith("DDLM " + m.group(1) + ": "), text.substring(0, 80));
        assertTrue(text.contains(Files.readString(ROOT.resolve("LICENSE"))), "LICENSE text");
        assertTrue(text.contains(Files.readString(ROOT.resolve("THIRD-PARTY-NOTICES"))), "notices text");
        for (String name : List.of("BSD 2-Clause", "PixelMed", "DJL", "PyTorch")) {
            assertTrue(text.contains(name), name);
        }
    }
}
