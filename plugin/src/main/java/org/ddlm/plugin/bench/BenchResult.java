package org.ddlm.plugin.bench;

/**
 * One row of the benchmark: a method on one sample, means over its slices.
 *
 * @param method          ddlm, gaussian, tv or input
 * @param family          the plot line it belongs to (sampler and conditioning family, or the method)
 * @param role            default, reference or empty
 * @param parameter       the chosen baseline parameter (empty for DDLM and the input)
 * @param nfe             network evaluations per slice: forwards + vector-Jacobian products
 * @param forwards        forward passes per slice
 * @param vjps            vector-Jacobian products (backward passes) per slice
 * @param costUnits       forwards + 2 x VJPs per slice (algorithms.md §6.6)
 * @param secondsPerSlice wall clock per slice, noise estimate excluded
 */
public record BenchResult(String sample, String method, String family, String role, String sampler, int steps,
                          String conditioning, String parameter, int slices, double nfe, double forwards,
                          double vjps, double costUnits, double secondsPerSlice, Score score) {
}
