package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

/**
 * Each SciJava command's input names equal the macro keys ImageJ 1 derives from the same labels (the first word,
 * lower case; {@link Macro#trimKey}), so a script and a macro spell every option alike.
 */
class CommandMacroKeysTest {
    private static void assertNamesAreMacroKeys(Class<?> command, int inputs) {
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Field f : command.getDeclaredFields()) {
            Parameter p = f.getAnnotation(Parameter.class);
            if (p != null && p.type() == ItemIO.INPUT) {
                names.add(f.getName());
                keys.add(Macro.trimKey(p.label()));
            }
        }
        assertEquals(inputs, names.size(), command.getSimpleName() + " inputs " + names);
        assertEquals(keys, names, command.getSimpleName());
    }

    @Test
    void parameterNamesAreTheMacroKeys() {
        assertNamesAreMacroKeys(DenoiseCommand.class, 18);
        assertNamesAreMacroKeys(SimulateLowDoseCommand.class, 12);
        assertNamesAreMacroKeys(ValidateCommand.class, 6);
        assertNamesAreMacroKeys(TrainPriorCommand.class, 9);
    }

    @Test
    void denoiseAndSimulateHaveAnImageOutput() throws Exception {
        for (Class<?> c : List.of(DenoiseCommand.class, SimulateLowDoseCommand.class)) {
            Parameter p = c.getDeclaredField("result").getAnnotation(Parameter.class);
            assertEquals(ItemIO.OUTPUT, p.type(), c.getSimpleName());
            assertTrue(ij.ImagePlus.class.equals(c.getDeclaredField("result").getType()), c.getSimpleName());
        }
    }
}
