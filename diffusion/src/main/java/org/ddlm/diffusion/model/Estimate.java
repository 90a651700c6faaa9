package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;

/**
 * The consistent pair a sampler works with at one evaluation: x = α·x0 + σ·eps holds for it
 * (to round-off). Hooks return a modified pair that keeps this relation for the same x.
 */
public record Estimate(NDArray x0, NDArray eps) {
}
