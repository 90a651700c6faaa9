package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;

/** Fresh standard normal noise for the stochastic samplers, shaped like the state. */
public interface NoiseSource {

    /** For deterministic sampling: asking it for noise is a programming error. */
    NoiseSource NONE = like -> {
        throw new IllegalStateException("this sampler is stochastic and needs a NoiseSource");
    };

    NDArray standardNormal(NDArray like);
}
