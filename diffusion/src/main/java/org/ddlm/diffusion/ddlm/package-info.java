/**
 * DDLM conditioned sampling for low-dose CT (algorithms.md §6): per-slice noise level, time-step
 * matching, the noise-aware start, conditioning hooks (blend, guidance in x0 space or through the
 * network), operator splitting for guidance, and the batch driver from HU slices to denoised HU slices.
 */
package org.ddlm.diffusion.ddlm;
