/**
 * DDLM denoising of whole CT series stored as DICOM: {@link org.ddlm.plugin.denoise.StackSource} and
 * {@link org.ddlm.plugin.denoise.StackWriterSink} connect {@link org.ddlm.diffusion.ddlm.SeriesDenoiser} (the series
 * loop, beside the DDLM driver) to DICOM stacks and the derived-series writer.
 */
package org.ddlm.plugin.denoise;
