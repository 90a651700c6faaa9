package org.ddlm.validation.metrics;

import org.ddlm.core.HuImage;

/**
 * The difference method (metrics.md section 7): for two independent realisations A and B of one object,
 * D = (A - B)/sqrt(2) keeps the noise of one image and cancels the structure.
 * Two simulated series made from one full-dose image share its noise: D then measures only the added noise.
 */
public final class DifferenceNoise {

    private DifferenceNoise() {
    }

    /** D in double, row-major on the grid of {@code a}. */
    public static double[] difference(HuImage a, HuImage b) throws MetricException {
        if (!a.sameGrid(b)) {
            throw new MetricException("difference method needs images of one size, got " + a.width() + "x"
                    + a.height() + " and " + b.width() + "x" + b.height());
        }
        double[] d = new double[a.size()];
        double s = Math.sqrt(2.0);
        for (int i = 0; i < d.length; i++) {
            d[i] = ((double) a.hu()[i] - b.hu()[i]) / s;
        }
        return d;
    }

    /** Noise SD of one image: SD of D in the ROI, padding of either image excluded. */
    public static RoiStatistics noise(HuImage a, HuImage b, Roi roi) throws MetricException {
        double[] d = difference(a, b);
        boolean[] pad = null;
        if (a.padding() != null || b.padding() != null) {
            pad = new boolean[a.size()];
            for (int i = 0; i < pad.length; i++) {
                pad[i] = a.isPadding(i) || b.isPadding(i);
            }
        }
        return RoiStatistics.of(d, a.width(), a.height(), roi, pad);
    }
}
