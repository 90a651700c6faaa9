package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;

/** One stored (hooked) evaluation of a multistep sampler and the λ per element where it was made. */
public record HistoryEntry(NDArray value, double[] lambda) {
}
