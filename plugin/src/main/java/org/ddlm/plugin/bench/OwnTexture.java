package org.ddlm.plugin.bench;

import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.LocalNoise;
import org.ddlm.diffusion.ddlm.NoiseMask;
import org.ddlm.validation.baseline.GaussianFilter;
import org.ddlm.validation.metrics.Detrend;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.NoisePowerSpectrum;
import org.ddlm.validation.metrics.Nps;
import org.ddlm.validation.simulate.ColoredNoise;
import org.ddlm.validation.simulate.SliceRandom;

/**
 * A series' own noise texture, for low-dose versions whose excess noise has the texture of the scanner's kernel, as
 * real low-dose scans do (the projection-domain simulator gives its filter's texture instead). The NPS is measured on
 * the series' normal-dose slices over flat soft tissue: {@value #ROI_PX}-pixel ROIs at half-ROI steps lying wholly in
 * the estimator's soft-tissue region, each less its fitted second-order surface; those whose std is within
 * {@value #FLAT_FACTOR} times the tenth percentile are kept (at least {@value #MIN_ROIS}), the rest hold anatomy.
 * The excess at dose fraction d is Gaussian noise of that NPS shape ({@link ColoredNoise}) with variance (1/d - 1)
 * times the kept ROIs' variance: quantum noise, the same texture at every dose. Real noise varies across the slice;
 * this excess does not.
 *
 * <p>Why 16 pixels: a chest has little flat soft tissue. Over the 7 shared series (4 slices each) and the 2 bundled
 * samples ({@code bench-textures --own-texture --doses 0.5}) the kept ROIs' noise was 0.90-1.07x the estimator's
 * total on the normal-dose slices with 16-pixel ROIs (the head 0.73: its 7x7 windows see brain texture), 0.97-1.36x
 * with 24 and 0.85-3.2x with 32 (the bundled chest's 32-pixel ROIs all hold anatomy).
 */
public final class OwnTexture {

    public static final int ROI_PX = 16;
    /**
     * The quantile of the soft-tissue ROIs' std that stands for flat tissue: on the 8 mm chest pair the median ROI's
     * std was 2.9x (B40f) and 1.3x (B70f) the estimator's total noise (vessels, organ edges, fat planes).
     */
    static final double FLATTEST_SHARE = 0.1;
    /**
     * ROIs up to this multiple of the tenth-percentile std count as flat. The flattest tenth alone, picked for their
     * low noise as much as for their flatness, copied a smooth texture whiter on a flat synthetic body (32-pixel
     * ROIs, binomial noise: diagonal correlation 0.37 for 0.44; 0.40 with this rule, which keeps about half of the
     * ROIs there).
     */
    static final double FLAT_FACTOR = 1.15;
    /** Fewer soft-tissue ROIs than this over the series give no trustworthy spectrum. */
    static final int MIN_ROIS = 16;

    private final ColoredNoise texture;
    /** Mean variance of the kept ROIs (HU^2), each less its surface. */
    private final double variance;
    private final int rois;

    private OwnTexture(Nps shape, double variance) {
        this.texture = ColoredNoise.withTextureOf(shape);
        this.variance = variance;
        this.rois = shape.roiCount();
    }

    /** Measures the texture over the normal-dose slices of one series (one pixel spacing). */
    public static OwnTexture measure(List<TextureBench.NormalSlice> normal) throws BenchException {
        List<Roi> all = new ArrayList<>();
        for (TextureBench.NormalSlice n : normal) {
            softTissueRois(n.slice().image(), all);
        }
        String name = normal.isEmpty() ? "(no slices)" : normal.get(0).series();
        if (all.size() < MIN_ROIS) {
            throw new BenchException(name + ": only " + all.size() + " soft-tissue ROIs of " + ROI_PX + " px"
                    + " (need " + MIN_ROIS + "): cannot measure its noise texture", null);
        }
        // The flattest ROIs first (a stable sort keeps ties in scan order).
        List<Roi> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparingDouble(Roi::variance));
        // The flattest tenth sets a level; every ROI within FLAT_FACTOR of it is kept: in a mostly flat region most
        // of them, so the kept ROIs are not only those whose noise happened to come out low.
        double limit = FLAT_FACTOR * Math.sqrt(sorted.get(Math.min(sorted.size() - 1,
                (int) Math.floor(FLATTEST_SHARE * sorted.size()))).variance());
        int keep = MIN_ROIS;
        while (keep < sorted.size() && Math.sqrt(sorted.get(keep).variance()) <= limit) {
            keep++;
        }
        List<Roi> flat = sorted.subList(0, keep);
        double varianceSum = 0;
        for (Roi r : flat) {
            varianceSum += r.variance();
        }
        TextureBench.NormalSlice first = normal.get(0);
        try {
            return new OwnTexture(hannWindowedNps(flat, first.slice().columnSpacingMm(), first.slice().rowSpacingMm()),
                    varianceSum / keep);
        } catch (MetricException e) {
            throw new BenchException(name + ": " + e.getMessage(), e);
        }
    }

    /** The normal-dose noise std (HU) of the flat ROIs. */
    public double normalDoseHu() {
        return Math.sqrt(variance);
    }

    /** ROIs the spectrum was averaged over. */
    public int rois() {
        return rois;
    }

    /**
     * The normal-dose slice at dose fraction {@code dose}: plus this texture's noise of std normalDose x sqrt(1/d -
     * 1); the stream is the slice's own (seed, index), as the simulator's. Padding stays as it was.
     */
    public float[] lowDose(TextureBench.NormalSlice n, double dose, long seed) {
        if (!(dose > 0 && dose <= 1)) {
            throw new IllegalArgumentException("dose fraction must be in (0, 1], got " + dose);
        }
        HuImage img = n.slice().image();
        float[] noise = texture.sample(img.width(), img.height(), normalDoseHu() * Math.sqrt(1 / dose - 1),
                SliceRandom.forSlice(seed, n.index()));
        float[] out = img.hu().clone();
        for (int i = 0; i < out.length; i++) {
            if (!img.isPadding(i)) {
                out[i] += noise[i];
            }
        }
        return out;
    }

    /** One ROI less its fitted second-order surface, and that residual's population variance (HU^2). */
    private record Roi(double[] detrended, double variance) {
    }

    /**
     * The NPS shape with each detrended ROI multiplied by a 2-D Hann window (then less its mean, which only clears
     * the zero-frequency bin): at 16 pixels the plain ROI's edges leak mid-frequency power to high frequencies and
     * made the copy visibly whiter (lag-1 correlation 0.49 for 0.57 on CT-like noise; 0.53 windowed). Only its
     * shape is used; the level is the plain ROIs' variance.
     */
    private static Nps hannWindowedNps(List<Roi> flat, double dx, double dy) throws MetricException {
        double[] w = new double[ROI_PX * ROI_PX];
        for (int y = 0; y < ROI_PX; y++) {
            for (int x = 0; x < ROI_PX; x++) {
                w[y * ROI_PX + x] = (0.5 - 0.5 * Math.cos(2 * Math.PI * (x + 0.5) / ROI_PX))
                        * (0.5 - 0.5 * Math.cos(2 * Math.PI * (y + 0.5) / ROI_PX));
            }
        }
        List<double[]> windowed = new ArrayList<>(flat.size());
        for (Roi roi : flat) {
            double[] d = roi.detrended().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] *= w[i];
            }
            windowed.add(d);
        }
        return NoisePowerSpectrum.compute(windowed, ROI_PX, ROI_PX, dx, dy, Detrend.MEAN);
    }

    /** Every ROI at half-ROI steps lying wholly in the slice's soft tissue (the estimator's region), detrended. */
    private static void softTissueRois(HuImage img, List<Roi> out) {
        int w = img.width();
        int h = img.height();
        boolean[] mask = NoiseMask.of(img);
        float[] smooth = GaussianFilter.apply(img.filledCopy(HuImage.PADDING_FILL_HU), w, h, NoiseMask.SMOOTHING_PX);
        double[] smoothed = new double[w * h];
        double[] hu = new double[w * h];
        for (int i = 0; i < hu.length; i++) {
            smoothed[i] = smooth[i];
            hu[i] = img.hu()[i];
        }
        boolean[] soft = LocalNoise.softTissue(mask, smoothed);
        int step = ROI_PX / 2;
        for (int y0 = 0; y0 + ROI_PX <= h; y0 += step) {
            for (int x0 = 0; x0 + ROI_PX <= w; x0 += step) {
                if (!whollyIn(soft, w, x0, y0)) {
                    continue;
                }
                double[] d;
                try {
                    d = Detrend.POLY2.apply(NoisePowerSpectrum.patch(hu, w, h, x0, y0, ROI_PX), ROI_PX, ROI_PX);
                } catch (MetricException e) {
                    throw new IllegalStateException("an ROI on the grid left the image", e);
                }
                double ss = 0;
                for (double v : d) {
                    ss += v * v;
                }
                out.add(new Roi(d, ss / d.length));
            }
        }
    }

    private static boolean whollyIn(boolean[] region, int w, int x0, int y0) {
        for (int y = y0; y < y0 + ROI_PX; y++) {
            for (int x = x0; x < x0 + ROI_PX; x++) {
                if (!region[y * w + x]) {
                    return false;
                }
            }
        }
        return true;
    }
}
