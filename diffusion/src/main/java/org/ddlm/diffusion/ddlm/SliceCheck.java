package org.ddlm.diffusion.ddlm;

import java.util.Locale;
import org.ddlm.core.HuImage;

/**
 * The safety check on every denoised slice: denoising must have made the slice clearly less noisy, and what it took
 * away (the residual, input − output) must look like noise, not anatomy. Three measures over the input's noise
 * mask: the output's total noise ({@link LocalNoise}) against the input's; the residual's std against the excess
 * noise level σ_n; and the correlation of |∇ residual| with |∇ input| (the input smoothed by σ = 2 px first so its
 * own noise does not count as edges): near 0 for a noise residual, clearly positive when edges were removed.
 */
public final class SliceCheck {

    /**
     * The output's total noise must be at most this fraction of the input's (or below the normal-dose floor the
     * estimator assumed for it).
     */
    public static final double MAX_NOISE_RATIO = 0.9;
    /**
     * The residual's std may be at most this multiple of the input's measured total noise: removing more than the
     * noise there is means removing anatomy (a 3x too high level removed 1.36x the total on a real slice; a right
     * one 0.86x).
     */
    public static final double MAX_RESIDUAL_RATIO = 1.3;
    /**
     * Largest correlation of |∇ residual| with |∇ input| accepted (a right level gave 0.01 on a real slice, a 3x too
     * high one 0.26).
     */
    public static final double MAX_EDGE_CORRELATION = 0.15;

    /**
     * What the check measured.
     *
     * @param inputTotal      the input's total noise (HU)
     * @param outputTotal     the output's total noise (HU)
     * @param residualStd     std of input − output over the noise mask (HU)
     * @param edgeCorrelation corr(|∇ residual|, |∇ smoothed input|) over the noise mask
     * @param failure         why the slice failed, or null when it passed
     */
    public record Verdict(double inputTotal, double outputTotal, double residualStd, double edgeCorrelation,
                          String failure) {
        public boolean passed() {
            return failure == null;
        }

        public String describe() {
            return String.format(Locale.ROOT, "noise %.1f -> %.1f HU, residual %.1f HU, edge correlation %.2f%s",
                    inputTotal, outputTotal, residualStd, edgeCorrelation, passed() ? "" : " (" + failure + ")");
        }
    }

    private final NormalDoseFloor floor;

    /** @param floor the normal-dose floor the estimator takes off, the floor of {@link #quietEnough} */
    public SliceCheck(NormalDoseFloor floor) {
        this.floor = floor;
    }

    /**
     * The normal-dose floor the estimator takes off this input: an output at or below it is quiet enough even when
     * it is not 10 % below the input.
     */
    double quietEnough(double inTotal) {
        return floor.total(inTotal);
    }

    public Verdict check(HuImage input, float[] output) {
        int w = input.width();
        int h = input.height();
        boolean[] mask = NoiseMask.of(input);
        // One smoothing of the input serves the soft-tissue windows (the same for input and output) and the edges.
        double[] smooth = NoiseMask.smooth(input, NoiseMask.SMOOTHING_PX);
        boolean[] soft = LocalNoise.softTissue(mask, smooth);
        double inTotal = LocalNoise.level(input, mask, soft);
        double outTotal = LocalNoise.level(input.withHu(output), mask, soft);
        float[] residual = new float[output.length];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = input.hu()[i] - output[i];
        }
        double residualStd = std(residual, mask);
        double correlation = edgeCorrelation(smooth, residual, mask, w, h);
        String failure = null;
        if (Double.isNaN(inTotal) || Double.isNaN(outTotal)) {
            failure = null; // no soft tissue to measure on: nothing to judge by
        } else if (outTotal > Math.max(MAX_NOISE_RATIO * inTotal, quietEnough(inTotal))) {
            failure = String.format(Locale.ROOT, "output noise %.1f HU is not clearly below the input's %.1f HU",
                    outTotal, inTotal);
        } else if (residualStd > MAX_RESIDUAL_RATIO * inTotal) {
            failure = String.format(Locale.ROOT, "removed %.1f HU, more than %.1f x the %.1f HU of noise the input has",
                    residualStd, MAX_RESIDUAL_RATIO, inTotal);
        } else if (correlation > MAX_EDGE_CORRELATION) {
            failure = String.format(Locale.ROOT, "the removed part follows the anatomy's edges (correlation %.2f)",
                    correlation);
        }
        return new Verdict(inTotal, outTotal, residualStd, correlation, failure);
    }

    static double std(float[] v, boolean[] mask) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (int i = 0; i < v.length; i++) {
            if (mask[i]) {
                s += v[i];
                s2 += (double) v[i] * v[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = s / n;
        return Math.sqrt(Math.max(s2 / n - mean * mean, 0.0));
    }

    /** Pearson correlation of the central-difference gradient magnitudes, over mask pixels with a full neighbourhood. */
    static double edgeCorrelation(double[] smooth, float[] residual, boolean[] mask, int w, int h) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        long n = 0;
        for (int y = 1; y + 1 < h; y++) {
            for (int x = 1; x + 1 < w; x++) {
                int i = y * w + x;
                if (!mask[i] || !mask[i - 1] || !mask[i + 1] || !mask[i - w] || !mask[i + w]) {
                    continue;
                }
                double a = Math.hypot(residual[i + 1] - residual[i - 1], residual[i + w] - residual[i - w]);
                double b = Math.hypot(smooth[i + 1] - smooth[i - 1], smooth[i + w] - smooth[i - w]);
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
                n++;
            }
        }
        if (n < 2) {
            return 0.0;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        double va = saa / n - (sa / n) * (sa / n);
        double vb = sbb / n - (sb / n) * (sb / n);
        return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0.0;
    }
}
