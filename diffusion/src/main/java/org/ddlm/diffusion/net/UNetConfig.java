package org.ddlm.diffusion.net;

import java.util.List;

/**
 * Shape of a {@link UNet}.
 *
 * @param baseWidth channels at the finest level
 * @param widthMultipliers one entry per resolution level: level i has {@code baseWidth·m_i}
 *     channels at 1/2^i of the working resolution
 * @param blocksPerLevel residual blocks per level on each side of the U
 * @param groups GroupNorm groups; must divide every level's width
 * @param bottleneckAttention self-attention at the coarsest level (memory grows with (H·W)²)
 * @param patchFactor the input is folded into p×p pixel patches first (space-to-depth, lossless)
 *     and unfolded at the end, so the finest level works at 1/p of the image resolution; 1 = off
 */
public record UNetConfig(
        int baseWidth,
        List<Integer> widthMultipliers,
        int blocksPerLevel,
        int groups,
        boolean bottleneckAttention,
        int patchFactor) {

    public UNetConfig {
        widthMultipliers = List.copyOf(widthMultipliers);
        if (baseWidth < 1 || blocksPerLevel < 1 || groups < 1 || patchFactor < 1) {
            throw new IllegalArgumentException("UNet sizes must be positive: " + this);
        }
        if (widthMultipliers.isEmpty()) {
            throw new IllegalArgumentException("UNet needs at least one level");
        }
        for (int m : widthMultipliers) {
            if (m < 1 || (baseWidth * m) % groups != 0) {
                throw new IllegalArgumentException("level width " + baseWidth + "·" + m
                        + " must be positive and divisible by " + groups + " groups");
            }
        }
    }

    /**
     * The shape {@code ddlm train} builds, sized for CPU training: base width 32, three levels (widths 32, 64, 64),
     * one block per level, 2x2 space-to-depth; 0.76 M parameters, about 19 GFLOP per 512x512 pass. (The bundled
     * prior v0.3 is this shape at base width 48, trained on a GPU: its MODEL_CARD.md.) Measured with
     * {@code UNetBenchmark} on the 2-core development machine (PyTorch 2.5.1 CPU): 313 ms with one
     * thread, 194 ms with two. Without the space-to-depth fold the same widths cost 77 GFLOP.
     */
    public static UNetConfig defaults() {
        return new UNetConfig(32, List.of(1, 2, 2), 1, 8, false, 2);
    }

    public int levels() {
        return widthMultipliers.size();
    }

    public int width(int level) {
        return baseWidth * widthMultipliers.get(level);
    }

    /** Channels of the time embedding (4× the base width, as in Ho et al. 2020). */
    public int timeEmbeddingDim() {
        return 4 * baseWidth;
    }

    /** Image height and width must be multiples of this. */
    public int sizeMultiple() {
        return patchFactor << (levels() - 1);
    }
}
