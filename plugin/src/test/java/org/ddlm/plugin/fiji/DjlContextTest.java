package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Fiji run on the CPU starts DJL quietly and offline, and leaves the JVM as it found it: {@code ai.djl.offline}
 * holds only during our work, and DJL's "Failed to detect GPU count" warning (logged where a CUDA runtime exists
 * without a driver) is silenced unless the user asked for the GPU.
 */
class DjlContextTest {
    private static String run(String device) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                QuietCpuMain.class.getName(), device).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void cpuRunIsOfflineOnlyDuringTheWorkAndQuiet() throws Exception {
        String out = run("cpu");
        assertTrue(out.contains("offline inside=true"), out);
        assertTrue(out.contains("offline after=null"), out);
        assertTrue(out.contains("warn enabled=false"), out);
        assertFalse(out.contains("Failed to detect GPU count"), out);
    }

    @Test
    void gpuRunKeepsDjlsWarnings() throws Exception {
        String out = run("gpu");
        assertTrue(out.contains("warn enabled=true"), out);
        assertTrue(out.contains("offline after=null"), out);
    }

    @Test
    void aChoiceTheUserMadeStays() throws Exception {
        String before = System.getProperty(DjlContext.OFFLINE);
        System.setProperty(DjlContext.OFFLINE, "false");
        try {
            assertEquals("false", DjlContext.call("auto", () -> System.getProperty(DjlContext.OFFLINE)));
            assertEquals("false", System.getProperty(DjlContext.OFFLINE));
        } finally {
            if (before == null) {
                System.clearProperty(DjlContext.OFFLINE);
            } else {
                System.setProperty(DjlContext.OFFLINE, before);
            }
        }
    }
}
