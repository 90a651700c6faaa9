package org.ddlm.diffusion.sampler;

import org.ddlm.diffusion.model.Estimate;

/**
 * Called at every model evaluation of every sampler (conditioning, guidance). It may return a
 * modified pair that must still satisfy x = α·x0 + σ·eps for the context's x; multistep samplers
 * store the returned values in their histories.
 */
@FunctionalInterface
public interface StepHook {

    StepHook IDENTITY = (context, estimate) -> estimate;

    Estimate apply(HookContext context, Estimate estimate);
}
