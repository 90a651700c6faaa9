package org.ddlm.diffusion.model;

import ai.djl.ndarray.NDArray;

/**
 * A trained network as the samplers see it: one forward pass, nothing else.
 * Implemented by the DJL UNet and by imported TorchScript models; the {@code Denoiser}
 * adapter adds the declared prediction type, schedule and intensity mapping on top.
 */
public interface Network extends AutoCloseable {

    /**
     * @param x noisy images, shape [B,1,H,W], in model units (x = HU/1000 for the CT prior)
     * @param u fractional schedule index per batch element, shape [B], float32
     * @return the network's native prediction (eps, x0 or v), shape [B,1,H,W]
     */
    NDArray forward(NDArray x, NDArray u);

    /**
     * The same prediction with the working memory of one pass bounded: images of more than {@code maxPixels}
     * pixels are evaluated in parts where the network can be (the ddlm UNet: row bands, whole-image GroupNorm
     * statistics; equal to {@link #forward(NDArray, NDArray)} up to float rounding). This default evaluates whole
     * images (TorchScript networks cannot be cut).
     *
     * @param maxPixels pixels one part may cover; 0 = whole images
     */
    default NDArray forward(NDArray x, NDArray u, long maxPixels) {
        return forward(x, u);
    }

    @Override
    void close();
}
