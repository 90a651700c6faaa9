package org.ddlm.plugin.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.plugin.cli.DdlmOptions;
import org.ddlm.plugin.workflow.UserException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The dialog's values give the same DdlmSettings, and the same messages, as {@code ddlm denoise} with the matching
 * options: the Fiji path fills the workflow builder directly, the CLI parses its options into it.
 */
class DenoiseOptionsSettingsTest {

    private static DenoiseOptions dialog(String sampler, int steps, String conditioning, double zeta, double timeFactor,
                                         int flips, long seed) {
        return new DenoiseOptions(false, null, "default", sampler, steps, conditioning, zeta, timeFactor, flips, seed,
                4, 0, 0, "cpu", null, false, false, false);
    }

    /** What the CLI makes of the same values (0 time factor = the option left out, as in the dialog). */
    private static DdlmSettings cli(DenoiseOptions o) throws UserException {
        List<String> args = new ArrayList<>(List.of("--sampler", o.sampler(), "--steps", Integer.toString(o.steps()),
                "--conditioning", o.conditioning(), "--zeta", Double.toString(o.zeta()), "--flips",
                Integer.toString(o.flips()), "--seed", Long.toString(o.seed())));
        if (o.timeFactor() != 0) {
            args.addAll(List.of("--time-factor", Double.toString(o.timeFactor())));
        }
        return CommandLine.populateCommand(new DdlmOptions(), args.toArray(String[]::new)).toSettings();
    }

    /** DdlmSettings with the sampler compared by name (samplers have no equals). */
    private static void assertSame(DdlmSettings expected, DdlmSettings actual) {
        assertEquals(expected.sampler().name(), actual.sampler().name());
        assertEquals(expected, new DdlmSettings(expected.sampler(), actual.steps(), actual.spacing(), actual.mode(),
                actual.zeta(), actual.gamma(), actual.splitting(), actual.substep(), actual.timeFactor(),
                actual.whitening(), actual.ensemble(), actual.flips(), actual.seed(), actual.dataType(),
                actual.elementwise(), actual.tile()));
    }

    @Test
    void dialogValuesMeanWhatTheCliOptionsMean() throws Exception {
        for (DenoiseOptions o : List.of(
                dialog("ddim", 2, "blend", 0.03, 0, 2, 0),
                dialog("dpm3m", 17, "none", 0.5, 1.5, 4, -9),
                dialog("heun", 1000, "guidance", 0, 0, 1, 123456789012L),
                dialog("DDPM", 5, "Guidance-X0", 2.25, 0.75, 2, 7))) {
            assertSame(cli(o), o.settings());
        }
        DdlmSettings g = dialog("plms", 3, "guidance", 0.1, 2.0, 1, 3).settings();
        assertEquals("plms", g.sampler().name());
        assertEquals(DdlmSettings.Mode.GUIDANCE_NETWORK, g.mode());
        assertEquals(2.0, g.timeFactor(), 0.0);
    }

    @Test
    void badDialogValuesGiveTheCliMessages() {
        for (DenoiseOptions o : List.of(
                dialog("ddim", 0, "blend", 0.03, 0, 2, 0),
                dialog("ddim", 1001, "blend", 0.03, 0, 2, 0),
                dialog("ddim", 2, "blend", -1, 0, 2, 0),
                dialog("ddim", 2, "blend", 0.03, -0.5, 2, 0),
                dialog("ddim", 2, "blend", 0.03, 0, 3, 0),
                dialog("ddim", 2, "sharpen", 0.03, 0, 2, 0),
                dialog("euler", 2, "blend", 0.03, 0, 2, 0))) {
            String expected = assertThrows(UserException.class, () -> cli(o)).getMessage();
            assertEquals(expected, assertThrows(UserException.class, o::settings).getMessage());
        }
        assertEquals("--steps must be 1 to 1000 (the prior's schedule has 1000 levels), got 0",
                assertThrows(UserException.class, dialog("ddim", 0, "blend", 0.03, 0, 2, 0)::settings).getMessage());
    }
}
