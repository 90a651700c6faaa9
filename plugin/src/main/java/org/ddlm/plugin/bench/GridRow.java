package org.ddlm.plugin.bench;

import java.util.Locale;
import org.ddlm.diffusion.ddlm.DdlmSettings;

/**
 * One DDLM configuration of a benchmark grid.
 *
 * @param role DEFAULT for {@link DdlmSettings#defaults()}, REFERENCE for the 100-step DDIM quality reference
 */
public record GridRow(DdlmSettings settings, Role role) {

    public enum Role {
        PLAIN,
        DEFAULT,
        REFERENCE
    }

    /** Sampler name without the stability options (kept in the settings, not the label). */
    public String sampler() {
        return settings.sampler().name().replace("+lower-order-final", "").replace("+first-order-start", "");
    }

    /** Conditioning with its parameter, e.g. {@code blend zeta=0.1} or {@code guidance-net strang/heun gamma=0.1}. */
    public String conditioning() {
        String views = settings.flips() > 1 ? " flips=" + settings.flips() : "";
        return conditioningAlone() + views;
    }

    private String conditioningAlone() {
        return switch (settings.mode()) {
            case NONE -> "none";
            case BLEND -> String.format(Locale.ROOT, "blend zeta=%s", settings.zeta());
            case GUIDANCE_X0 -> String.format(Locale.ROOT, "guidance-x0 gamma=%s", settings.gamma());
            case GUIDANCE_NETWORK -> String.format(Locale.ROOT, "guidance-net %s gamma=%s", splitting(),
                    settings.gamma());
        };
    }

    /** The line this row belongs to in the PSNR-vs-NFE plot: sampler and conditioning family, or the reference. */
    public String family() {
        if (role == Role.REFERENCE) {
            return "reference ddim 100";
        }
        String cond = settings.mode() == DdlmSettings.Mode.GUIDANCE_NETWORK ? "guidance " + splitting()
                : settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return sampler() + " " + cond;
    }

    /** Identifies equal configurations (the default row replaces the grid row it equals). */
    String key() {
        return sampler() + "|" + settings.steps() + "|" + conditioning() + "|" + settings.spacing() + "|"
                + settings.timeFactor() + "|" + settings.whitening() + "|" + settings.ensemble() + "|" + settings.flips();
    }

    private String splitting() {
        return settings.splitting() == null ? "euler-guided"
                : settings.splitting().name().toLowerCase(Locale.ROOT).replace('_', '-') + "/"
                        + settings.substep().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
