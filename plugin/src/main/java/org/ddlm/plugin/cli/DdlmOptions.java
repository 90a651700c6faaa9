package org.ddlm.plugin.cli;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.Splitting;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DdpmSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.PlmsSampler;
import org.ddlm.diffusion.sampler.Sampler;
import picocli.CommandLine.Option;

/**
 * The DDLM options (prior, sampler, steps, conditioning and its parameters, ensemble, flips, seed) shared by the commands
 * that denoise; {@link #toSettings()} turns them into {@link DdlmSettings}, defaults from
 * {@link DdlmSettings#defaults()}.
 */
public final class DdlmOptions {
    private static final DdlmSettings DEFAULTS = DdlmSettings.defaults();

    /** Sampler names accepted by --sampler, in alphabetical order. */
    public static final Map<String, Supplier<Sampler>> SAMPLERS = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "ddim", () -> new DdimSampler(0.0),
            "ddpm", () -> new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL),
            "plms", PlmsSampler::new,
            "dpm2m", DpmSolver2MSampler::new,
            "dpm3m", DpmSolver3MSampler::new,
            "heun", HeunSampler::new)));

    /** The --sampler name of {@link DdlmSettings#defaults()}'s sampler. */
    public static final String DEFAULT_SAMPLER = SAMPLERS.entrySet().stream()
            .filter(e -> e.getValue().get().name().equals(DEFAULTS.sampler().name()))
            .map(Map.Entry::getKey).findFirst().orElseThrow();

    @Option(names = "--model", paramLabel = "M", description = "the diffusion prior: default (the bundled CT prior, used "
            + "when the option is left out) or a folder written by 'ddlm train'")
    public String model = PriorModels.DEFAULT;

    @Option(names = "--sampler", paramLabel = "NAME", description = "reverse sampler: dpm2m (DPM-Solver++(2M)), "
            + "dpm3m (DPM-Solver++(3M)), ddim (eta 0), ddpm (ancestral, fixed-small variance), plms, heun "
            + "(default ddim; heun with --conditioning guidance, the order-2 Strang pairing)")
    String sampler;

    @Option(names = "--steps", paramLabel = "N", description = "sampler steps from the matched time t* to the data "
            + "(default ${DEFAULT-VALUE})")
    int steps = DEFAULTS.steps();

    @Option(names = "--conditioning", paramLabel = "C", description = "how the low-dose image steers sampling: blend "
            + "(MAP step on the denoised estimate, weight set by --zeta), guidance (gradient of the data term through "
            + "the network, step --gamma, --splitting), guidance-x0 (cheap x0-space guidance, step --gamma) or none "
            + "(start from the noisy image only) (default ${DEFAULT-VALUE})")
    String conditioning = "blend";

    @Option(names = "--zeta", paramLabel = "Z", description = "blend prior-variance factor zeta >= 0; 0 equals none "
            + "(default ${DEFAULT-VALUE})")
    double zeta = DEFAULTS.zeta();

    @Option(names = "--gamma", paramLabel = "G", description = "guidance step gamma >= 0 (default ${DEFAULT-VALUE})")
    double gamma = DEFAULTS.gamma();

    @Option(names = "--splitting", paramLabel = "S", description = "for --conditioning guidance: strang (order 2 with "
            + "heun), lie-trotter (order 1) or none (euler-guided: the sampler uses the guided noise estimate "
            + "directly) (default ${DEFAULT-VALUE})")
    String splitting = "strang";

    @Option(names = "--time-factor", paramLabel = "CT", description = "c_t: start where the schedule's noise equals "
            + "c_t times the input's noise level (default: per slice from the measured noise texture, by the prior's "
            + "calibration: about 2 for smooth kernels, about 1 for sharp ones)")
    Double timeFactor;

    @Option(names = "--whitening", paramLabel = "ZW", description = "zeta_w >= 0: fresh white noise of zeta_w times "
            + "the noise level added before sampling, against correlated CT noise (default ${DEFAULT-VALUE})")
    double whitening = DEFAULTS.whitening();

    @Option(names = "--ensemble", paramLabel = "K", description = "members averaged per slice; only useful with ddpm "
            + "or --whitening (default ${DEFAULT-VALUE})")
    int ensemble = DEFAULTS.ensemble();

    @Option(names = "--flips", paramLabel = "F", description = "mirror views averaged per slice: 1 (the slice only), "
            + "2 (and left-right) or 4 (and up-down, and both); the network's errors partly cancel, at F times the "
            + "cost (default ${DEFAULT-VALUE})")
    int flips = DEFAULTS.flips();

    @Option(names = "--seed", paramLabel = "S", description = "root seed of the per-slice random streams; the same "
            + "seed gives the same pixels (default ${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    @Option(names = "--tile", paramLabel = "N", description = "advanced: the largest network pass, N x N pixels; "
            + "larger slices go through the network in bands of whole rows of at most N*N pixels with whole-slice "
            + "statistics (the same result to about 0.001 HU), so memory does not grow with the matrix; 0 = whole "
            + "slices (memory grows with the matrix) (default ${DEFAULT-VALUE})")
    int tile = DEFAULTS.tile();

    /** More steps than the schedule's 1000 levels only repeat them. */
    static final int MAX_STEPS = 1000;

    /** The run these options describe. */
    public DdlmSettings toSettings() throws UserException {
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
        String samplerName = sampler != null ? sampler.toLowerCase(Locale.ROOT)
                : mode == DdlmSettings.Mode.GUIDANCE_NETWORK ? "heun" : DEFAULT_SAMPLER;
        Supplier<Sampler> make = SAMPLERS.get(samplerName);
        if (make == null) {
            throw new UserException("unknown sampler '" + sampler + "'; choose one of " + String.join(", ",
                    SAMPLERS.keySet()));
        }
        DdlmSettings d = DEFAULTS;
        return new DdlmSettings(make.get(), steps, d.spacing(), mode, zeta, gamma,
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
