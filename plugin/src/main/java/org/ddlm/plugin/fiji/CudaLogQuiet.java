package org.ddlm.plugin.fiji;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL's GPU probe quiet on a CPU run. DJL asks CUDA for the GPU count whenever its engine starts, and where a
 * CUDA runtime exists without a usable driver it logs "Failed to detect GPU count" as a warning, which reads like a
 * failure. Its logger is raised to errors for the SLF4J binding in use: slf4j-simple (the CLI's), logback (Fiji's)
 * or java.util.logging; with another binding nothing changes.
 */
final class CudaLogQuiet {
    static final String LOGGER = "ai.djl.util.cuda.CudaUtils";
    // java.util.logging holds loggers weakly: keep ours so its level stays.
    private static java.util.logging.Logger julLogger;

    private CudaLogQuiet() {
    }

    static synchronized void apply() {
        // slf4j-simple reads the level once, when the logger is made; the launcher sets the same property.
        String simple = "org.slf4j.simpleLogger.log." + LOGGER;
        if (System.getProperty(simple) == null) {
            System.setProperty(simple, "error");
        }
        Logger logger = LoggerFactory.getLogger(LOGGER);
        raiseLogback(logger);
        julLogger = java.util.logging.Logger.getLogger(LOGGER);
        julLogger.setLevel(java.util.logging.Level.SEVERE);
    }

    /** Logback without a compile-time dependency: Fiji has it, the CLI does not. */
    private static void raiseLogback(Logger logger) {
        try {
            Class<?> level = Class.forName("ch.qos.logback.classic.Level", false, logger.getClass().getClassLoader());
            Method setLevel = logger.getClass().getMethod("setLevel", level);
            setLevel.invoke(logger, level.getField("ERROR").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not logback: the other bindings are handled in apply().
        }
    }
}
