package org.ddlm.validation.simulate;

/**
 * A simulated low-dose slice and what the simulation could not do well.
 *
 * @param hu                   simulated HU, same grid as the input; padding and pixels outside the FOV unchanged
 * @param rays                 rays in the sinogram
 * @param lowCountRays         rays whose expected low-dose count {@code a N0 e^-p} is below
 *                             {@link NoiseModel#LOW_COUNT_LIMIT}, where the Gaussian model is poor (not corrected)
 * @param bodyPixels           pixels that are not padding and above -500 HU
 * @param bodyPixelsOutsideFov body pixels outside the scanned field of view, which get no added noise
 */
public record SimulatedSlice(float[] hu, long rays, long lowCountRays, long bodyPixels, long bodyPixelsOutsideFov) {

    public double lowCountFraction() {
        return rays == 0 ? 0 : (double) lowCountRays / rays;
    }

    public double bodyOutsideFovFraction() {
        return bodyPixels == 0 ? 0 : (double) bodyPixelsOutsideFov / bodyPixels;
    }
}
