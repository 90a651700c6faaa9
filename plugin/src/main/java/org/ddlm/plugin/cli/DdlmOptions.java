package org.ddlm.plugin.cli;

import java.util.Iterator;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.plugin.workflow.DenoiseSettingsBuilder;
import org.ddlm.plugin.workflow.Samplers;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine.Option;

/**
 * The DDLM options (prior, sampler, steps, conditioning and its parameters, ensemble, flips, seed) shared by the commands
 * that denoise; {@link #toSettings()} turns them into {@link DdlmSettings}, defaults from
 * {@link DdlmSettings#defaults()}.
 */
public final class DdlmOptions {
    private static final DdlmSettings DEFAULTS = DdlmSettings.defaults();

    @Option(names = "--model", paramLabel = "M", description = "the diffusion prior: default (the bundled CT prior, used "
            + "when the option is left out) or a folder written by 'ddlm train'")
    public String model = PriorModels.DEFAULT;

    @Option(names = "--sampler", paramLabel = "NAME", completionCandidates = SamplerHelp.class,
            description = "reverse sampler: ${COMPLETION-CANDIDATES} (default ddim; heun with --conditioning "
            + "guidance, the order-2 Strang pairing)")
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

    /** The run these options describe; the checks are the workflow's, shared with Fiji. */
    public DdlmSettings toSettings() throws UserException {
        return new DenoiseSettingsBuilder().sampler(sampler).steps(steps).conditioning(conditioning).zeta(zeta)
                .gamma(gamma).splitting(splitting).timeFactor(timeFactor).whitening(whitening).ensemble(ensemble)
                .flips(flips).seed(seed).tile(tile).build();
    }

    /**
     * The sampler names with their notes, which {@code ${COMPLETION-CANDIDATES}} puts into the --sampler help, so the
     * help lists exactly the registry's samplers.
     */
    public static final class SamplerHelp implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Samplers.described().iterator();
        }
    }
}
