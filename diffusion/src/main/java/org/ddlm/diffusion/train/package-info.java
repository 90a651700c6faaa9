/**
 * Training the CT prior (algorithms.md §5): {@link org.ddlm.diffusion.train.Trainer} draws random
 * normal-dose patches ({@link org.ddlm.diffusion.train.PatchSampler}: body = HU &gt; −500, ≥ 50 %,
 * 8 symmetries, clipped to [−1024, 3071] HU, x = HU/1000), builds Stable Target Field or plain
 * denoising targets in float64 ({@link org.ddlm.diffusion.train.StableTargetField}), and steps Adam
 * with warm-up + cosine learning rate, global-norm clipping and EMA weights. Every random draw of
 * step k comes from (seed, k), so {@link org.ddlm.diffusion.train.TrainingCheckpoint} (written
 * atomically) needs no generator state and a resumed run repeats the uninterrupted one exactly.
 * Slices come in through {@link org.ddlm.diffusion.train.SliceSource}; this package reads no files
 * except its own checkpoints and writes only checkpoints and exported models.
 */
package org.ddlm.diffusion.train;
