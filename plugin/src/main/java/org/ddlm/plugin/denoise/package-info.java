/**
 * DDLM denoising of whole CT series: {@link org.ddlm.plugin.denoise.SeriesDenoiser} streams slices from a source
 * through the diffusion prior to a sink in batches; {@link org.ddlm.plugin.denoise.StackSource} and
 * {@link org.ddlm.plugin.denoise.StackWriterSink} connect it to DICOM stacks and the derived-series writer.
 */
package org.ddlm.plugin.denoise;
