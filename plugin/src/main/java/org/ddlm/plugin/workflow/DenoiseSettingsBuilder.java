package org.ddlm.plugin.workflow;

import java.util.List;
import java.util.Locale;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.Splitting;

/**
 * A run's DDLM settings by name, as both front ends receive them (sampler, steps, conditioning and its parameters,
 * ensemble, flips, seed, tile), checked once in {@link #build()}. Unset values are {@link DdlmSettings#defaults()}.
 * The messages name the CLI options, which the Fiji dialog mirrors.
 */
public final class DenoiseSettingsBuilder {
    /** More steps than the schedule's 1000 levels only repeat them. */
    public static final int MAX_STEPS = 1000;
    /** The conditioning names, the default first. */
    public static final List<String> CONDITIONINGS = List.of("blend", "guidance", "guidance-x0", "none");

    private static final DdlmSettings DEFAULTS = DdlmSettings.defaults();

    private String sampler;
    private int steps = DEFAULTS.steps();
    private String conditioning = CONDITIONINGS.get(0);
    private double zeta = DEFAULTS.zeta();
    private double gamma = DEFAULTS.gamma();
    private String splitting = "strang";
    private Double timeFactor;
    private double whitening = DEFAULTS.whitening();
    private int ensemble = DEFAULTS.ensemble();
    private int flips = DEFAULTS.flips();
    private long seed = DEFAULTS.seed();
    private int tile = DEFAULTS.tile();

    /** A name of {@link Samplers}; null picks by conditioning (heun for guidance, else the default). */
    public DenoiseSettingsBuilder sampler(String name) {
        sampler = name;
        return this;
    }

    public DenoiseSettingsBuilder steps(int n) {
        steps = n;
        return this;
    }

    /** One of {@link #CONDITIONINGS} (any case). */
    public DenoiseSettingsBuilder conditioning(String name) {
        conditioning = name;
        return this;
    }

    public DenoiseSettingsBuilder zeta(double value) {
        zeta = value;
        return this;
    }

    public DenoiseSettingsBuilder gamma(double value) {
        gamma = value;
        return this;
    }

    /** For guidance: strang, lie-trotter or none. */
    public DenoiseSettingsBuilder splitting(String name) {
        splitting = name;
        return this;
    }

    /** c_t, or null for the prior's c_t at each slice's measured noise texture. */
    public DenoiseSettingsBuilder timeFactor(Double value) {
        timeFactor = value;
        return this;
    }

    public DenoiseSettingsBuilder whitening(double value) {
        whitening = value;
        return this;
    }

    public DenoiseSettingsBuilder ensemble(int members) {
        ensemble = members;
        return this;
    }

    public DenoiseSettingsBuilder flips(int views) {
        flips = views;
        return this;
    }

    public DenoiseSettingsBuilder seed(long value) {
        seed = value;
        return this;
    }

    /** The largest network pass side in pixels; 0 = whole slices. */
    public DenoiseSettingsBuilder tile(int side) {
        tile = side;
        return this;
    }

    /** The checked settings; the first value out of range is the message. */
    public DdlmSettings build() throws UserException {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new UserException("--steps must be 1 to " + MAX_STEPS + " (the prior's schedule has 1000 levels), got "
                    + steps);
        }
        if (ensemble < 1) {
            throw new UserException("--ensemble must be at least 1, got " + ensemble);
        }
        if (!DdlmSettings.FLIPS.contains(flips)) {
            throw new UserException("--flips must be 1, 2 or 4, got " + flips);
        }
        if (tile < 0) {
            throw new UserException("--tile must be 0 (whole slices) or a tile side in pixels, got " + tile);
        }
        requireNonNegative("--zeta", zeta);
        requireNonNegative("--gamma", gamma);
        requireNonNegative("--whitening", whitening);
        if (timeFactor != null && (!(timeFactor > 0) || Double.isInfinite(timeFactor))) {
            throw new UserException("--time-factor must be a positive number, got " + timeFactor);
        }
        DdlmSettings.Mode mode = mode();
        String samplerName = sampler != null ? sampler
                : mode == DdlmSettings.Mode.GUIDANCE_NETWORK ? Samplers.GUIDANCE_DEFAULT : Samplers.DEFAULT;
        DdlmSettings d = DEFAULTS;
        return new DdlmSettings(Samplers.make(samplerName), steps, d.spacing(), mode, zeta, gamma,
                mode == DdlmSettings.Mode.GUIDANCE_NETWORK ? scheme() : null, d.substep(),
                timeFactor == null ? d.timeFactor() : timeFactor, whitening,
                ensemble, flips, seed, d.dataType(), d.elementwise(), tile);
    }

    private DdlmSettings.Mode mode() throws UserException {
        return switch (conditioning.toLowerCase(Locale.ROOT)) {
            case "blend" -> DdlmSettings.Mode.BLEND;
            case "guidance" -> DdlmSettings.Mode.GUIDANCE_NETWORK;
            case "guidance-x0" -> DdlmSettings.Mode.GUIDANCE_X0;
            case "none" -> DdlmSettings.Mode.NONE;
            default -> throw new UserException("unknown conditioning '" + conditioning
                    + "'; choose blend, guidance, guidance-x0 or none");
        };
    }

    /** Null means no splitting: Euler-guided sampling. */
    private Splitting.Scheme scheme() throws UserException {
        return switch (splitting.toLowerCase(Locale.ROOT)) {
            case "strang" -> Splitting.Scheme.STRANG;
            case "lie-trotter" -> Splitting.Scheme.LIE_TROTTER;
            case "none" -> null;
            default -> throw new UserException("unknown splitting '" + splitting
                    + "'; choose strang, lie-trotter or none");
        };
    }

    private static void requireNonNegative(String option, double value) throws UserException {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UserException(option + " must be a number >= 0, got " + value);
        }
    }
}
