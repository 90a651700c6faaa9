package org.ddlm.validation.report;

import java.util.List;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.Detrend;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.NoisePowerSpectrum;
import org.ddlm.validation.metrics.Nps;
import org.ddlm.validation.metrics.Roi;

/**
 * The noise power spectrum of what separates an image from its reference (metrics.md section 7), as LDCT papers show
 * it: NPS of (test - reference) and of (input - reference) over 64x64 tiles that lie wholly inside the reference's
 * body and hold no padding, each tile made mean-free, pooled over all slices. A patient has no uniform region, so the
 * difference image stands in for the noise; what a denoiser removes shows as lost power at the frequencies it
 * smoothed. One slice's tiles are transformed at a time, so memory does not grow with the series.
 */
final class ResidualNps {
    static final int TILE = 64;

    private final double dx;
    private final double dy;
    private final boolean known;
    private final Pooled test = new Pooled();
    private final Pooled input = new Pooled();

    ResidualNps(double columnSpacingMm, double rowSpacingMm) {
        this.dx = columnSpacingMm;
        this.dy = rowSpacingMm;
        // Without a pixel size there is no spectrum in physical units.
        this.known = dx > 0 && dy > 0 && Double.isFinite(dx) && Double.isFinite(dy);
    }

    void add(SlicePair p) throws MetricException {
        if (!known) {
            return;
        }
        boolean[] body = BodyMask.of(p.reference().image());
        test.add(spectrum(p.test().image(), p.reference().image(), body));
        if (p.input() != null) {
            input.add(spectrum(p.input().image(), p.reference().image(), body));
        }
    }

    /** Pooled NPS of test - reference, or null when no tile fitted inside any body. */
    Nps test() {
        return test.nps();
    }

    /** Pooled NPS of input - reference, or null without an input (or tiles). */
    Nps input() {
        return input.nps();
    }

    private Nps spectrum(HuImage image, HuImage reference, boolean[] body) throws MetricException {
        double[] diff = new double[image.hu().length];
        boolean[] excluded = new boolean[diff.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = (double) image.hu()[i] - reference.hu()[i];
            excluded[i] = !body[i] || image.isPadding(i) || reference.isPadding(i);
        }
        Roi whole = new Roi.Rectangle(0, 0, image.width(), image.height());
        List<double[]> tiles = NoisePowerSpectrum.tiles(diff, image.width(), image.height(), excluded, whole, TILE);
        return tiles.isEmpty() ? null : NoisePowerSpectrum.compute(tiles, TILE, TILE, dx, dy, Detrend.MEAN);
    }

    /** Tiles of all slices so far: the NPS is the ROI-count-weighted mean of the per-slice spectra. */
    private final class Pooled {
        private double[] sum;
        private double varianceSum;
        private int rois;

        void add(Nps n) {
            if (n == null) {
                return;
            }
            if (sum == null) {
                sum = new double[n.values().length];
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += n.values()[i] * n.roiCount();
            }
            varianceSum += n.meanVariance() * n.roiCount();
            rois += n.roiCount();
        }

        Nps nps() {
            if (rois == 0) {
                return null;
            }
            double[] v = new double[sum.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = sum[i] / rois;
            }
            return new Nps(TILE, TILE, dx, dy, v, varianceSum / rois, rois);
        }
    }
}
