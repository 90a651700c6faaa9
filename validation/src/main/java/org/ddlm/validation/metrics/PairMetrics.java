package org.ddlm.validation.metrics;

/**
 * The fidelity of one test image against its reference in one window (metrics.md sections 3-5).
 * PSNR is +Infinity for identical clipped images. All values are NaN when a mask was given and is empty.
 *
 * @param mseClipped  mean squared difference of the clipped images, HU^2
 * @param psnrDb      10 log10(W^2 / mseClipped)
 * @param ssim        mean SSIM (masked: over mask and crop region; NaN if that is empty)
 * @param rmseClipped sqrt(mseClipped)
 * @param rmse        root mean squared difference of the unclipped images, HU
 * @param mae         mean absolute difference of the unclipped images, HU
 * @param meanTest    mean of the unclipped test image over the compared pixels
 * @param meanRef     mean of the unclipped reference over the compared pixels
 * @param pixels      number of pixels compared
 */
public record PairMetrics(double mseClipped, double psnrDb, double ssim, double rmseClipped, double rmse,
                          double mae, double meanTest, double meanRef, long pixels) {

    public boolean identical() {
        return psnrDb == Double.POSITIVE_INFINITY;
    }

    /** True when a mask left nothing to compare. */
    public boolean empty() {
        return pixels == 0;
    }
}
