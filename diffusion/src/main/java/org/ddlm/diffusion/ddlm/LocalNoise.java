package org.ddlm.diffusion.ddlm;

import org.ddlm.core.HuImage;
import org.ddlm.core.Median;

/**
 * The total noise std of a slice in HU from the image itself, from the local standard deviation in 7×7 windows lying
 * wholly inside the noise mask over soft tissue (the σ = 2 px smoothed image between −200 and 300 HU). Flat tissue,
 * which holds most windows, sets the mode of their histogram (the global noise level of Christianson et al., AJR
 * 2015); windows on edges or texture have a larger std and fall in its tail. The level is the RMS of the window stds
 * below 1.3 times that mode: edges stay out, while the noisier parts of a non-stationary slice (shoulders, the
 * centre of a large patient) count with their share of the tissue. On 219 simulated slices of 7 series and 12
 * textures this RMS was within 15 % of the true total noise on 99 % (the mode alone: 95 %). It measures every kernel's
 * noise in the image domain, so no colour correction (κ) is needed.
 */
public final class LocalNoise {

    public static final int WINDOW_HALF_WIDTH = 3;
    public static final double SOFT_TISSUE_LOW_HU = -200.0;
    public static final double SOFT_TISSUE_HIGH_HU = 300.0;
    /** Fewer soft-tissue windows than this: the whole noise mask is used instead. */
    static final int MIN_WINDOWS = 500;
    static final int BINS = 300;
    static final int SMOOTHING_BINS = 9;
    /** Windows with a std above this multiple of the mode are taken for structure and left out of the RMS. */
    static final double STRUCTURE_FACTOR = 1.3;

    private LocalNoise() {
    }

    /** The level (HU) of the slice over its own soft tissue; NaN when the noise mask holds no whole window. */
    public static double level(HuImage slice, boolean[] mask) {
        return level(slice, mask, softTissue(mask, NoiseMask.smooth(slice, NoiseMask.SMOOTHING_PX)));
    }

    /** Mask pixels whose smoothed value is soft tissue: the window centres {@link #level} measures at. */
    public static boolean[] softTissue(boolean[] mask, double[] smoothed) {
        boolean[] soft = new boolean[mask.length];
        for (int i = 0; i < soft.length; i++) {
            soft[i] = mask[i] && smoothed[i] > SOFT_TISSUE_LOW_HU && smoothed[i] < SOFT_TISSUE_HIGH_HU;
        }
        return soft;
    }

    /**
     * The level (HU) over windows centred in {@code centres} (the whole mask when fewer than {@value #MIN_WINDOWS}
     * of them fit): the same centres measure an input and its denoised output in the same tissue.
     */
    public static double level(HuImage slice, boolean[] mask, boolean[] centres) {
        double[] stds = windowStds(slice, mask, centres);
        if (stds.length < MIN_WINDOWS) {
            stds = windowStds(slice, mask, mask);
        }
        return stds.length == 0 ? Double.NaN : rmsBelow(stds, STRUCTURE_FACTOR * histogramMode(stds));
    }

    /** RMS of the values below {@code limit} (the limit itself when none is). */
    static double rmsBelow(double[] values, double limit) {
        double sum = 0;
        long n = 0;
        for (double v : values) {
            if (v < limit) {
                sum += v * v;
                n++;
            }
        }
        return n == 0 ? limit : Math.sqrt(sum / n);
    }

    /** Unbiased std of every 7×7 window inside {@code mask} whose centre is in {@code centres}. */
    static double[] windowStds(HuImage slice, boolean[] mask, boolean[] centres) {
        int w = slice.width();
        int h = slice.height();
        int r = WINDOW_HALF_WIDTH;
        int k = 2 * r + 1;
        int n = k * k;
        // Summed-area tables (one row and column of zeros in front) of value, value² and mask count.
        double[] s1 = new double[(w + 1) * (h + 1)];
        double[] s2 = new double[(w + 1) * (h + 1)];
        int[] sm = new int[(w + 1) * (h + 1)];
        float[] v = slice.hu();
        for (int y = 0; y < h; y++) {
            double r1 = 0;
            double r2 = 0;
            int rm = 0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double a = v[i];
                r1 += a;
                r2 += a * a;
                rm += mask[i] ? 1 : 0;
                int o = (y + 1) * (w + 1) + x + 1;
                s1[o] = s1[o - w - 1] + r1;
                s2[o] = s2[o - w - 1] + r2;
                sm[o] = sm[o - w - 1] + rm;
            }
        }
        double[] out = new double[w * h];
        int count = 0;
        for (int y = r; y + r < h; y++) {
            for (int x = r; x + r < w; x++) {
                if (!centres[y * w + x]) {
                    continue;
                }
                int a = (y - r) * (w + 1) + (x - r);
                int b = a + k;
                int c = a + k * (w + 1);
                int d = c + k;
                if (sm[d] - sm[b] - sm[c] + sm[a] != n) {
                    continue;
                }
                double sum = s1[d] - s1[b] - s1[c] + s1[a];
                double sumSq = s2[d] - s2[b] - s2[c] + s2[a];
                out[count++] = Math.sqrt(Math.max(sumSq - sum * sum / n, 0.0) / (n - 1));
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Centre of the fullest bin of a 300-bin histogram on [0, 3·median), smoothed over 9 bins. */
    static double histogramMode(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double top = 3.0 * Median.ofSorted(sorted);
        if (!(top > 0.0)) {
            return 0.0;
        }
        double width = top / BINS;
        int[] hist = new int[BINS];
        for (double s : values) {
            int b = (int) (s / width);
            if (b < BINS) {
                hist[b]++;
            }
        }
        int half = SMOOTHING_BINS / 2;
        int best = 0;
        long bestCount = -1;
        for (int b = 0; b < BINS; b++) {
            long c = 0;
            for (int j = Math.max(0, b - half); j <= Math.min(BINS - 1, b + half); j++) {
                c += hist[j];
            }
            if (c > bestCount) {
                bestCount = c;
                best = b;
            }
        }
        return (best + 0.5) * width;
    }
}
