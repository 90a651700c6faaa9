package org.ddlm.validation.metrics;

import org.ddlm.core.HuImage;

/** Computes {@link PairMetrics} with the clip-then-measure rule of metrics.md section 2. */
public final class PairMeasure {

    private PairMeasure() {
    }

    /** PSNR from a mean squared error: +Infinity for mse 0, as skimage (which also warns). */
    public static double psnr(double mse, double dataRange) {
        return 10.0 * Math.log10(dataRange * dataRange / mse);
    }

    /**
     * Measures test against reference in a window. Padding must already be applied ({@link Padding}).
     *
     * @param mask pixels to compare (body mask), or null for all pixels
     */
    public static PairMetrics measure(HuImage test, HuImage reference, Window window, boolean[] mask)
            throws MetricException {
        if (!test.sameGrid(reference)) {
            throw new MetricException("images differ in size: " + test.width() + "x" + test.height() + " vs "
                    + reference.width() + "x" + reference.height() + "; resample first");
        }
        if (mask != null && mask.length != test.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, image " + test.size());
        }
        double[] t = test.toDoubles();
        double[] r = reference.toDoubles();
        double[] ct = new double[t.length];
        double[] cr = new double[r.length];
        double sumSqClipped = 0, sumSq = 0, sumAbs = 0, sumT = 0, sumR = 0;
        long n = 0;
        for (int i = 0; i < t.length; i++) {
            ct[i] = window.clipShift(t[i]);
            cr[i] = window.clipShift(r[i]);
            if (mask == null || mask[i]) {
                double dc = ct[i] - cr[i];
                double d = t[i] - r[i];
                sumSqClipped += dc * dc;
                sumSq += d * d;
                sumAbs += Math.abs(d);
                sumT += t[i];
                sumR += r[i];
                n++;
            }
        }
        if (n == 0) {
            double nan = Double.NaN;
            return new PairMetrics(nan, nan, nan, nan, nan, nan, nan, nan, 0);
        }
        double mse = sumSqClipped / n;
        double w = window.width();
        double ssim = mask == null
                ? Ssim.mean(ct, cr, test.width(), test.height(), w)
                : Ssim.maskedMean(ct, cr, test.width(), test.height(), w, mask);
        return new PairMetrics(mse, psnr(mse, w), ssim, Math.sqrt(mse), Math.sqrt(sumSq / n), sumAbs / n,
                sumT / n, sumR / n, n);
    }
}
