package org.ddlm.plugin.fiji;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What Help > About Plugins > About DDLM shows: the version (filled in by the build), the licence and the
 * third-party notices. They are read from this package's about/ folder, where the build copies the repository's
 * LICENSE and THIRD-PARTY-NOTICES (META-INF/ would be ambiguous: many jars carry a META-INF/LICENSE).
 */
final class AboutText {
    private AboutText() {
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = AboutText.class.getResourceAsStream("about.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Falls through to "unknown": the About window still shows the licence.
        }
        return p.getProperty("version", "unknown");
    }

    static String text() {
        return "DDLM " + version() + ": low-dose CT denoising with diffusion models (LDCT Diffusion for Fiji)\n"
                + "Plugins > LDCT Diffusion: Denoise (DDLM), Simulate Low Dose, Validate Against Reference, "
                + "Train Prior.\n"
                + "Licence: BSD 2-Clause License, below. Third-party software it carries (PixelMed, DJL, PyTorch "
                + "and others) keeps its own licence; see the notices below.\n\n"
                + resource("about/LICENSE") + "\n\n" + resource("about/THIRD-PARTY-NOTICES");
    }

    private static String resource(String name) {
        try (InputStream in = AboutText.class.getResourceAsStream(name)) {
            return in == null ? "(" + name + " is missing from the plugin jar)"
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + name + " could not be read: " + e.getMessage() + ")";
        }
    }
}
