/**
 * Low-dose CT simulation by projection-domain noise insertion (metrics.md section 8): HU slice to attenuation,
 * forward projection (fan-beam equiangular or parallel-beam), added Gaussian noise whose variance follows the
 * Poisson-plus-electronic-noise model for dose fraction {@code a}, filtered back-projection of the noise only, and
 * back to HU. Also a small analysis helper that relates ROI noise to tube current.
 *
 * <p>Entry point: {@link org.ddlm.validation.simulate.DoseSimulator}, configured by
 * {@link org.ddlm.validation.simulate.DoseSettings}.
 */
package org.ddlm.validation.simulate;
