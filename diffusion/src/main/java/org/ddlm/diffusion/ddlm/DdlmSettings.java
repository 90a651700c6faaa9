package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.types.DataType;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.Sampler;

/**
 * Everything that defines one DDLM run (algorithms.md §6). Defaults: DDIM (η = 0), N = 2, λ-uniform grid from t*
 * to the least noisy level then data, blend with ζ = 0.03, c_t = 2, no whitening, one ensemble member in 2 mirror
 * views (4 network evaluations per slice), float32. All were chosen by sweeps of the bundled prior (v0.3) on its
 * held-out validation patient (its MODEL_CARD.md), never on the sample scans: CT noise is correlated, and a prior
 * trained on white noise removes it best when the start is matched to about twice its pixel std (algorithms.md §6.3
 * leaves c_t to the user with default 1; validation PSNR 35.63 / 35.86 / 36.03 / 36.00 dB at c_t 1.25 / 1.5 / 2 /
 * 2.5); from that start more steps add nothing (N = 3: 36.00 dB), and a second mirror view adds 0.07 dB (a fourth
 * only 0.03 dB more at twice the cost).
 *
 * @param sampler      the reverse sampler (diffusion substeps under splitting)
 * @param steps        N, shared by all slices
 * @param spacing      grid placement between t* and the schedule's least noisy level
 * @param mode         conditioning mode
 * @param zeta         blend ζ
 * @param gamma        guidance step γ
 * @param splitting    scheme for network guidance; null = the sampler uses ε̂_g directly (with DDIM(0):
 *                     Euler-guided sampling)
 * @param substep      condition substep under splitting
 * @param timeFactor   c_t
 * @param whitening    ζ_w
 * @param ensemble     K members per slice (output = mean)
 * @param flips        mirror views per slice and member, averaged (geometric self-ensemble): 1 = the slice
 *                     only, 2 = also left-right, 4 = also up-down and both
 * @param seed         root seed of the per-slice streams
 * @param dataType     working precision (FLOAT32 for networks, FLOAT64 for oracles)
 * @param elementwise  call the model once per batch element: bitwise batch-independent results on CPU
 *                     at some cost in throughput (batched GPU runs agree to ≈ 1e-5 relative instead)
 * @param tile         largest network pass, in pixels a side: an image of more than tile² pixels goes through the
 *                     network in bands of rows of at most that many pixels (whole-image GroupNorm statistics, the
 *                     same result up to float rounding), so the working memory does not grow with the matrix;
 *                     0 = whole images always
 */
public record DdlmSettings(Sampler sampler, int steps, Spacing spacing, Mode mode, double zeta, double gamma,
                           Splitting.Scheme splitting, Splitting.Substep substep, double timeFactor,
                           double whitening, int ensemble, int flips, long seed, DataType dataType,
                           boolean elementwise, int tile) {

    public enum Mode {
        NONE,
        BLEND,
        GUIDANCE_X0,
        GUIDANCE_NETWORK
    }

    public enum Spacing {
        LAMBDA_UNIFORM,
        UNIFORM,
        KARRAS
    }

    public DdlmSettings {
        if (steps < 1 || ensemble < 1) {
            throw new IllegalArgumentException("need at least one step and one ensemble member");
        }
        if (!FLIPS.contains(flips)) {
            throw new IllegalArgumentException("flips must be one of " + FLIPS + ", got " + flips);
        }
        if (!(zeta >= 0.0) || !(gamma >= 0.0) || !(timeFactor > 0.0) || !(whitening >= 0.0)) {
            throw new IllegalArgumentException("need zeta >= 0, gamma >= 0, c_t > 0 and whitening >= 0");
        }
        if (tile < 0) {
            throw new IllegalArgumentException("tile must be >= 0 pixels (0: whole images), got " + tile);
        }
    }

    /** The mirror-view counts there are: the slice, and left-right, and up-down and both. */
    public static final java.util.List<Integer> FLIPS = java.util.List.of(1, 2, 4);

    /**
     * Tile side of the defaults: a pass over 512x512 pixels (the prior's own matrix) keeps about 1.3 GB of
     * activations, and slices of up to 512x512 go through whole, as before.
     */
    public static final int DEFAULT_TILE = 512;

    /** c_t of the defaults. */
    public static final double DEFAULT_TIME_FACTOR = 2.0;

    public static DdlmSettings defaults() {
        return new DdlmSettings(new DdimSampler(0.0), 2, Spacing.LAMBDA_UNIFORM, Mode.BLEND,
                BlendHook.DEFAULT_ZETA, X0GuidanceHook.DEFAULT_GAMMA, null, Splitting.Substep.HEUN, DEFAULT_TIME_FACTOR, 0.0, 1,
                2, 0L, DataType.FLOAT32, true, DEFAULT_TILE);
    }

    /** Batch elements (and so network passes per step) each slice takes: K members times F views. */
    public int elementsPerSlice() {
        return ensemble * flips;
    }

    public DdlmSettings withSampler(Sampler value, int n) {
        return new DdlmSettings(value, n, spacing, mode, zeta, gamma, splitting, substep, timeFactor, whitening,
                ensemble, flips, seed, dataType, elementwise, tile);
    }

    public DdlmSettings withConditioning(Mode value, double z, double g, Splitting.Scheme scheme) {
        return new DdlmSettings(sampler, steps, spacing, value, z, g, scheme, substep, timeFactor, whitening,
                ensemble, flips, seed, dataType, elementwise, tile);
    }

    public DdlmSettings withEnsemble(int k, long rootSeed, double zetaW) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor, zetaW,
                k, flips, rootSeed, dataType, elementwise, tile);
    }

    public DdlmSettings withFlips(int value) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor,
                whitening, ensemble, value, seed, dataType, elementwise, tile);
    }

    public DdlmSettings withDataType(DataType value) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor,
                whitening, ensemble, flips, seed, value, elementwise, tile);
    }

    public DdlmSettings withTile(int value) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor,
                whitening, ensemble, flips, seed, dataType, elementwise, value);
    }
}
