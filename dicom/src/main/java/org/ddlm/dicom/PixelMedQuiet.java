package org.ddlm.dicom;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps PixelMed's own log lines off stderr (issue 15 item 17). Whatever PixelMed would log while reading is either
 * refused by the framing check before it parses, or found by {@link ConsistentParse} afterwards and reported as one
 * clear error; its lines ("Could not instantiate an attribute" with a stack trace) would only confuse. PixelMed logs
 * through SLF4J: the CLI binds slf4j-simple, which reads a level per logger name once, when the logger is made;
 * PixelMed's jar manifest brings slf4j-jdk14 (java.util.logging) where nothing else is bound, as in the tests. A level
 * the user set is kept. Fiji's logback is left alone (its log window is not a terminal).
 */
final class PixelMedQuiet {
    private static final String NAME = "com.pixelmed";
    private static final String SIMPLE = "org.slf4j.simpleLogger.log." + NAME;
    // java.util.logging holds loggers weakly: keep ours so its level stays.
    private static Logger julLogger;

    private PixelMedQuiet() {
    }

    /** Must run before PixelMed's classes make their loggers (their static initialisers); harmless again. */
    static synchronized void apply() {
        if (julLogger != null) {
            return;
        }
        if (System.getProperty(SIMPLE) == null) {
            System.setProperty(SIMPLE, "off");
        }
        julLogger = Logger.getLogger(NAME);
        if (julLogger.getLevel() == null) {
            julLogger.setLevel(Level.OFF);
        }
    }
}
