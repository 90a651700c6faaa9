package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Lossless rearrangements between space and channels (Shi et al. 2016), used to run the UNet's
 * finest level at reduced resolution (as FFDNet does) without discarding any pixel.
 */
public final class PixelShuffle {

    private PixelShuffle() {}

    /**
     * Space-to-depth: [B,C,H,W] to [B,C·p²,H/p,W/p]; output channel {@code c·p² + i·p + j}
     * holds pixels {@code (p·y + i, p·x + j)} of input channel c.
     */
    public static NDArray unshuffle(NDArray x, int p) {
        if (p == 1) {
            return x;
        }
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / p;
        long w = s.get(3) / p;
        return x.reshape(b, c, h, p, w, p).transpose(0, 1, 3, 5, 2, 4).reshape(b, c * p * p, h, w);
    }

    /** Depth-to-space, the inverse of {@link #unshuffle}: [B,C·p²,H,W] to [B,C,H·p,W·p]. */
    public static NDArray shuffle(NDArray x, int p) {
        if (p == 1) {
            return x;
        }
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1) / ((long) p * p);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, c, p, p, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, h * p, w * p);
    }
}
