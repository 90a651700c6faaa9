package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.types.DataType;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.Sampler;

/**
 * Everything that defines one DDLM run (algorithms.md §6). Defaults: DPM-Solver++(2M), N = 10,
 * λ-uniform grid from t* to the least noisy level then data, blend with ζ = 0.03, c_t = 2.5, no whitening,
 * one ensemble member, float32. ζ and c_t were chosen by a sweep on the default prior's held-out validation patient
 * (its MODEL_CARD.md): CT noise is correlated, and a prior trained on white noise removes it best when the start is
 * matched to about 2.5 times its pixel std (algorithms.md §6.3 leaves c_t to the user with default 1).
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
 * @param seed         root seed of the per-slice streams
 * @param dataType     working precision (FLOAT32 for networks, FLOAT64 for oracles)
 * @param elementwise  call the model once per batch element: bitwise batch-independent results on CPU
 *                     at some cost in throughput (batched GPU runs agree to ≈ 1e-5 relative instead)
 */
public record DdlmSettings(Sampler sampler, int steps, Spacing spacing, Mode mode, double zeta, double gamma,
                           Splitting.Scheme splitting, Splitting.Substep substep, double timeFactor,
                           double whitening, int ensemble, long seed, DataType dataType,
                           boolean elementwise) {

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
        if (!(zeta >= 0.0) || !(gamma >= 0.0) || !(timeFactor > 0.0) || !(whitening >= 0.0)) {
            throw new IllegalArgumentException("need zeta >= 0, gamma >= 0, c_t > 0 and whitening >= 0");
        }
    }

    /** c_t of the defaults. */
    public static final double DEFAULT_TIME_FACTOR = 2.5;

    public static DdlmSettings defaults() {
        return new DdlmSettings(new DpmSolver2MSampler(), 10, Spacing.LAMBDA_UNIFORM, Mode.BLEND,
                BlendHook.DEFAULT_ZETA, X0GuidanceHook.DEFAULT_GAMMA, null, Splitting.Substep.HEUN, DEFAULT_TIME_FACTOR, 0.0, 1,
                0L, DataType.FLOAT32, true);
    }

    public DdlmSettings withSampler(Sampler value, int n) {
        return new DdlmSettings(value, n, spacing, mode, zeta, gamma, splitting, substep, timeFactor, whitening,
                ensemble, seed, dataType, elementwise);
    }

    public DdlmSettings withConditioning(Mode value, double z, double g, Splitting.Scheme scheme) {
        return new DdlmSettings(sampler, steps, spacing, value, z, g, scheme, substep, timeFactor, whitening,
                ensemble, seed, dataType, elementwise);
    }

    public DdlmSettings withEnsemble(int k, long rootSeed, double zetaW) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor, zetaW,
                k, rootSeed, dataType, elementwise);
    }

    public DdlmSettings withElementwise(boolean value) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor,
                whitening, ensemble, seed, dataType, value);
    }

    public DdlmSettings withDataType(DataType value) {
        return new DdlmSettings(sampler, steps, spacing, mode, zeta, gamma, splitting, substep, timeFactor,
                whitening, ensemble, seed, value, elementwise);
    }
}
