package org.ddlm.plugin.fiji;

import java.util.Arrays;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.plugin.workflow.Samplers;

/**
 * The speed/quality choice of the Denoise dialog: how many sampler steps and mirror views each slice gets. "default"
 * is the library's defaults (so a macro without {@code preset=} means what it meant before the presets); "fast" is
 * one network pass per slice, "best" averages 4 mirror views (twice the default's passes). Every other setting
 * stays the default unless the Advanced dialog or a macro key changes it.
 */
enum DenoisePreset {
    FAST("fast", 1, 1),
    DEFAULT("default", DdlmSettings.defaults().steps(), DdlmSettings.defaults().flips()),
    BEST("best", DdlmSettings.defaults().steps(), 4);

    static final String[] NAMES = Arrays.stream(values()).map(p -> p.key).toArray(String[]::new);

    final String key;
    final int steps;
    final int flips;

    DenoisePreset(String key, int steps, int flips) {
        this.key = key;
        this.steps = steps;
        this.flips = flips;
    }

    static DenoisePreset named(String key) {
        for (DenoisePreset p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no preset '" + key + "'");
    }

    /** The Advanced dialog's starting values under this preset. */
    DenoiseAdvanced advanced() {
        DdlmSettings d = DdlmSettings.defaults();
        return new DenoiseAdvanced(Samplers.DEFAULT, steps, DenoiseOptions.CONDITIONINGS[0], d.zeta(), 0, 0,
                flips, d.seed(), 4, DenoiseOptions.DEVICES[0], false);
    }
}
