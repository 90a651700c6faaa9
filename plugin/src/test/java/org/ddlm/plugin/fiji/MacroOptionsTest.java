package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys of macro option strings as ImageJ writes them, bracketed values and bare flags included. */
class MacroOptionsTest {
    @Test
    void keysOfARecordedString() {
        assertEquals(List.of("input", "folder", "steps", "zeta", "output", "show"), List.copyOf(MacroOptions.keys(
                "input=[current image] folder=/data/low steps=2 zeta=0.1 output=[/data/out dir] show ")));
    }

    @Test
    void wordsInsideBracketsAreNotKeys() {
        assertEquals(List.of("folder", "preset"), List.copyOf(MacroOptions.keys(
                "folder=[/data/overwrite steps=3 uncertainty] preset=fast")));
    }

    @Test
    void noOptionsNoKeys() {
        assertEquals(List.of(), List.copyOf(MacroOptions.keys(null)));
        assertEquals(List.of(), List.copyOf(MacroOptions.keys("   ")));
    }
}
