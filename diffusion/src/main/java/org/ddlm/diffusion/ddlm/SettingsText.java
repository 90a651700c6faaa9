package org.ddlm.diffusion.ddlm;

import java.util.Locale;

/** The one-line account of a DDLM run that goes into DerivationDescription, reports and the JSON line. */
final class SettingsText {
    private SettingsText() {
    }

    /**
     * @param floor      the normal-dose noise taken off each slice
     * @param timeFactor c_t given for every slice, or null when it follows each slice's measured texture
     */
    static String describe(String modelId, DdlmSettings s, NoiseCalibration calibration, NormalDoseFloor floor,
                           Double timeFactor) {
        StringBuilder b = new StringBuilder();
        b.append("model ").append(modelId);
        b.append("; sampler ").append(s.sampler().name()).append(", N ").append(s.steps()).append(", ")
                .append(lower(s.spacing())).append(" grid, open from start sigma-bar ")
                .append(number(DdlmDenoiser.OPEN_GRID_FROM_SIGMA_BAR));
        b.append("; conditioning ").append(conditioning(s));
        b.append("; c_t ").append(timeFactor != null ? number(timeFactor)
                : "by noise sharpness (" + calibration.timeFactors() + ")");
        if (s.whitening() > 0) {
            b.append("; whitening ").append(number(s.whitening()));
        }
        b.append("; ensemble ").append(s.ensemble()).append("; flips ").append(s.flips()).append("; seed ")
                .append(s.seed());
        if (SamplingByTexture.adapts(s)) {
            b.append("; sharp noise (sharpness >= ").append(number(SamplingByTexture.SHARP_FROM)).append("): ")
                    .append(sampling(SamplingByTexture.forSharpNoise(s)));
        }
        b.append("; ").append(s.tile() > 0 ? "network passes of at most " + s.tile() + "x" + s.tile() + " pixels"
                : "whole-slice network passes");
        b.append("; noise from the image (local std over soft tissue) ").append(calibration.calibrated()
                || floor.seriesGiven() ? floor.describe() : "uncalibrated (total noise)");
        b.append("; safety check on every slice");
        return b.toString();
    }

    /** The sampler, its steps and the views, e.g. "sampler dpm-solver++(3m), N 3, flips 1". */
    static String sampling(DdlmSettings s) {
        return "sampler " + s.sampler().name() + ", N " + s.steps() + ", flips " + s.flips();
    }

    private static String conditioning(DdlmSettings s) {
        return switch (s.mode()) {
            case NONE -> "none";
            case BLEND -> "blend zeta " + number(s.zeta());
            case GUIDANCE_X0 -> "guidance-x0 gamma " + number(s.gamma());
            case GUIDANCE_NETWORK -> "guidance gamma " + number(s.gamma()) + " (" + (s.splitting() == null
                    ? "euler-guided, no splitting"
                    : lower(s.splitting()) + " splitting, " + lower(s.substep()) + " condition substeps") + ")";
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Shortest exact decimal: 0.1 stays 0.1, 1.0 becomes 1. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
