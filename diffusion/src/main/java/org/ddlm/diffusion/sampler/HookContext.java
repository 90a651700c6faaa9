package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;

/**
 * Where a hook is called: the sampler step, the state x being evaluated (not to be changed), and
 * per element the schedule time, α and σ of that evaluation.
 */
public record HookContext(int step, NDArray x, double[] time, double[] alpha, double[] sigma) {
}
