package org.ddlm.diffusion.sampler;

/**
 * Work done by the driver around each sampler step, e.g. the condition substeps of Lie–Trotter or
 * Strang splitting (algorithms.md §6.6), which may replace the state's x via
 * {@link SamplerState#replaceX}. {@link #before} sees x at grid point i, {@link #after} at i + 1.
 */
public interface AroundStep {

    AroundStep NONE = new AroundStep() {
    };

    default void before(SamplerState state) {
    }

    default void after(SamplerState state) {
    }
}
