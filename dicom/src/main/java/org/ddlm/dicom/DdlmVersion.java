package org.ddlm.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version (from the build), written into derived files and printed by the CLI. */
public final class DdlmVersion {
    public static final String VERSION = load();

    private DdlmVersion() {
    }

    private static String load() {
        try (InputStream in = DdlmVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
