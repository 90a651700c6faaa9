package org.ddlm.diffusion.ddlm;

/**
 * The noise of one slice as measured from the image itself (no header is used): its excess level over normal dose
 * and its texture.
 *
 * @param sigmaHu   σ̂_n, the excess noise std in HU that the sampler's start is matched to
 * @param totalHu   the total noise std in HU (the typical local std over soft tissue), before the normal-dose part
 *                  is taken off
 * @param hhHu      σ̂_HH, the noise std in the finest Haar diagonal band (HU)
 * @param sharpness the excess noise's HH std over its image std: 1 for white noise; measured on simulated 25 % dose
 *                  about 0.7 for a ramp (sharp) filter, 0.4 for cosine, 0.2 for Hann (smooth), 0.8 on Siemens B70f;
 *                  NaN when there is no excess noise
 */
public record NoiseProfile(double sigmaHu, double totalHu, double hhHu, double sharpness) {

    /** A level given by the user: nothing was measured. */
    public static NoiseProfile given(double sigmaHu) {
        return new NoiseProfile(sigmaHu, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean measured() {
        return !Double.isNaN(totalHu);
    }
}
