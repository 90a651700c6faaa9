package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

/** The SciJava command's choice lists (annotation constants) equal the ones the IJ1 dialog derives. */
class DenoiseCommandChoicesTest {
    private static String[] choices(String field) throws Exception {
        return DenoiseCommand.class.getDeclaredField(field).getAnnotation(Parameter.class).choices();
    }

    @Test
    void samplerFlipAndConditioningChoicesMatchTheDialog() throws Exception {
        assertArrayEquals(DenoiseOptions.SAMPLERS, choices("sampler"));
        assertArrayEquals(DenoiseOptions.FLIPS, choices("flips"));
        assertArrayEquals(DenoiseOptions.CONDITIONINGS, choices("conditioning"));
    }
}
