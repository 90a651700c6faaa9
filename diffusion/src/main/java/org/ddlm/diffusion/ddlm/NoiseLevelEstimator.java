package org.ddlm.diffusion.ddlm;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.ddlm.core.HuImage;
import org.ddlm.core.Median;

/**
 * The per-slice excess-noise estimate, measured from the image alone (algorithms.md §6.2 as amended by the
 * robustness issue: one κ for all kernels was ×2 off on sharp kernels). Total noise σ̂_tot: the RMS of the 7×7
 * local stds over soft tissue below 1.3 times their mode ({@link LocalNoise}), an image-domain measure whatever the
 * kernel. Excess:
 * σ̂_n = √max(σ̂_tot² − f², 0) with the normal-dose floor f ({@link NormalDoseFloor}): min(σ_ref, σ̂_tot/√2), σ_ref
 * the same measure on the prior's normal-dose training slices (noise the prior already contains) and σ̂_tot/√2 the
 * most normal-dose noise a slice of at most 50 % dose can hold, or the series' own level when the user gives it.
 * Texture: σ̂_HH = median|HH|/0.6745 over the one-level Haar diagonal band of 2×2 blocks inside the noise mask
 * (Donoho &amp; Johnstone 1994), its excess √max(σ̂_HH² − f_HH², 0) with f_HH = σ_ref,HH·f/σ_ref (the floor's
 * texture is the prior data's), and the sharpness (excess HH)/σ̂_n: 1 for white noise, lower the smoother the kernel.
 */
public final class NoiseLevelEstimator {

    /** MAD of a standard normal: median|z| = Φ⁻¹(3/4). */
    public static final double MAD_TO_STD = 0.6745;
    /** |HH| of integer HU values is a multiple of 1/2: (a − b − c + d)/2. */
    static final double INTEGER_HH_STEP = 0.5;
    /** Half-width of the optional z-median (slices ±2). */
    public static final int Z_MEDIAN_HALF_WIDTH = 2;
    /** Sharpness is clipped to [0, this]: above 1 is sampling error of nearly white noise. */
    static final double MAX_SHARPNESS = 1.2;

    private final NormalDoseFloor floor;

    /**
     * @param referenceTotal σ_ref in HU: the total-noise measure of the prior's normal-dose data (0 to measure total
     *                       rather than excess noise)
     * @param referenceHh    σ_ref,HH in HU: their HH level
     */
    public NoiseLevelEstimator(double referenceTotal, double referenceHh) {
        this(NormalDoseFloor.ofPrior(referenceTotal, referenceHh));
    }

    /** @param floor the normal-dose noise taken off each slice */
    public NoiseLevelEstimator(NormalDoseFloor floor) {
        this.floor = floor;
    }

    public NormalDoseFloor floor() {
        return floor;
    }

    /** Level and texture of one slice; level 0 when the slice has no noise or no usable region. */
    public NoiseProfile profile(HuImage slice) {
        boolean[] mask = NoiseMask.of(slice);
        double total = LocalNoise.level(slice, mask);
        double hh = hhLevel(slice, mask);
        if (Double.isNaN(total) || Double.isNaN(hh)) {
            return new NoiseProfile(0.0, Double.NaN, Double.NaN, Double.NaN);
        }
        double floorTotal = floor.total(total);
        double floorHh = floor.hh(floorTotal);
        double sigma = excess(total, floorTotal);
        double sharpness = sigma > 0.0 ? Math.min(MAX_SHARPNESS, excess(hh, floorHh) / sigma) : Double.NaN;
        return new NoiseProfile(sigma, total, hh, sharpness);
    }

    /** σ̂_n (HU) of one slice. */
    public double estimate(HuImage slice) {
        return profile(slice).sigmaHu();
    }

    /**
     * Profiles per slice; with {@code zMedian} the level and the sharpness are each replaced by their median over
     * slices ±2 along z (stabilises thin slices; the measured totals are kept as they were).
     */
    public NoiseProfile[] profileSeries(List<HuImage> slices, boolean zMedian) {
        return profileSeries(slices, k -> this, zMedian);
    }

    /**
     * As {@link #profileSeries(List, boolean)}, each slice measured by its own estimator (its floor at that slice's
     * thickness): the z-median then runs over levels that each had their own floor taken off.
     */
    public static NoiseProfile[] profileSeries(List<HuImage> slices, IntFunction<NoiseLevelEstimator> estimatorOfSlice,
                                               boolean zMedian) {
        NoiseProfile[] raw = new NoiseProfile[slices.size()];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = estimatorOfSlice.apply(k).profile(slices.get(k));
        }
        return zMedian ? zMedianProfiles(raw) : raw;
    }

    /**
     * Per-slice profiles (in slice order, each with its own floor taken off) with the level and the sharpness each
     * replaced by their median over slices ±2 along z, as {@link #profileSeries} with {@code zMedian} gives them; the
     * measured totals are kept.
     */
    public static NoiseProfile[] zMedianProfiles(NoiseProfile[] raw) {
        double[] sigma = zMedian(Arrays.stream(raw).mapToDouble(NoiseProfile::sigmaHu).toArray(), Z_MEDIAN_HALF_WIDTH);
        double[] sharp = zMedianIgnoringNaN(Arrays.stream(raw).mapToDouble(NoiseProfile::sharpness).toArray(),
                Z_MEDIAN_HALF_WIDTH);
        NoiseProfile[] out = new NoiseProfile[raw.length];
        for (int k = 0; k < raw.length; k++) {
            out[k] = new NoiseProfile(sigma[k], raw[k].totalHu(), raw[k].hhHu(), sharp[k]);
        }
        return out;
    }

    /** √max(level² − reference², 0); 0 for NaN. */
    static double excess(double level, double reference) {
        if (Double.isNaN(level)) {
            return 0.0;
        }
        return Math.sqrt(Math.max(level * level - reference * reference, 0.0));
    }

    /**
     * σ̂_HH = median|HH|/0.6745 over 2×2 blocks (even-aligned) whose four pixels are in {@code mask};
     * NaN if no block qualifies.
     */
    public static double hhLevel(HuImage slice, boolean[] mask) {
        int w = slice.width();
        int h = slice.height();
        float[] v = slice.hu();
        double[] hh = new double[(w / 2) * (h / 2)];
        int n = 0;
        for (int y = 0; y + 1 < h; y += 2) {
            for (int x = 0; x + 1 < w; x += 2) {
                int i = y * w + x;
                if (mask[i] && mask[i + 1] && mask[i + w] && mask[i + w + 1]) {
                    // Orthonormal Haar diagonal band: white noise of std σ gives HH of std σ.
                    hh[n++] = Math.abs(((double) v[i] - v[i + 1] - v[i + w] + v[i + w + 1]) / 2.0);
                }
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return absMedian(Arrays.copyOf(hh, n)) / MAD_TO_STD;
    }

    /**
     * Median of |HH| values; sorts its argument. On integer-valued images (DICOM with a unit rescale slope) every
     * |HH| lies on the lattice of {@link #INTEGER_HH_STEP}, where the plain median moves in steps of 0.74 HU of
     * σ̂_HH, about 10 % of a normal-dose level and more after the excess subtraction. There each lattice value is
     * read as the rounding of a continuous value spread evenly over its cell, and the median of that (the
     * grouped-data median) is returned; off the lattice it is the plain median.
     */
    static double absMedian(double[] a) {
        Arrays.sort(a);
        int n = a.length;
        for (double v : a) {
            if (v / INTEGER_HH_STEP != Math.rint(v / INTEGER_HH_STEP)) {
                return Median.ofSorted(a);
            }
        }
        if (a[n - 1] == 0.0) {
            return 0.0; // no variation at all: no noise, not a rounded one
        }
        double half = n / 2.0;
        double value = a[n / 2];
        int below = n / 2;
        while (below > 0 && a[below - 1] == value) {
            below--;
        }
        int upTo = n / 2;
        while (upTo < n && a[upTo] == value) {
            upTo++;
        }
        // Cell of a lattice value v: [v − step/2, v + step/2], folded at 0 for |HH| = 0.
        double lower = Math.max(0.0, value - INTEGER_HH_STEP / 2);
        double width = value + INTEGER_HH_STEP / 2 - lower;
        return lower + (half - below) / (upTo - below) * width;
    }

    /** σ̂_HH over the §6.2 noise mask of the slice itself. */
    public static double hhLevel(HuImage slice) {
        return hhLevel(slice, NoiseMask.of(slice));
    }

    /**
     * κ for one reconstruction kernel from (low-dose, normal-dose) pairs of the simulator:
     * median over slices of std_M(n_sim)/σ̂_HH(n_sim), n_sim = LD − ND, M the noise mask of ND.
     * Pairs whose mask has no full block are skipped.
     */
    public static double calibrateKappa(List<HuImage[]> pairs) {
        double[] ratios = new double[pairs.size()];
        int n = 0;
        for (HuImage[] pair : pairs) {
            HuImage low = pair[0];
            HuImage normal = pair[1];
            if (low.width() != normal.width() || low.height() != normal.height()) {
                throw new IllegalArgumentException("a calibration pair must have equal sizes");
            }
            boolean[] mask = NoiseMask.of(normal);
            float[] diff = new float[low.hu().length];
            double sum = 0;
            double sum2 = 0;
            int count = 0;
            for (int i = 0; i < diff.length; i++) {
                diff[i] = low.hu()[i] - normal.hu()[i];
                if (mask[i]) {
                    sum += diff[i];
                    sum2 += (double) diff[i] * diff[i];
                    count++;
                }
            }
            double hh = hhLevel(new HuImage(low.width(), low.height(), diff), mask);
            if (count > 1 && hh > 0) {
                double mean = sum / count;
                double std = Math.sqrt((sum2 - count * mean * mean) / (count - 1));
                ratios[n++] = std / hh;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no calibration pair has a usable body region");
        }
        return Median.of(Arrays.copyOf(ratios, n));
    }

    /** Median over the window [k − half, k + half] clipped to the series. */
    static double[] zMedian(double[] values, int half) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            int lo = Math.max(0, k - half);
            int hi = Math.min(values.length - 1, k + half);
            out[k] = Median.of(Arrays.copyOfRange(values, lo, hi + 1));
        }
        return out;
    }

    /** As {@link #zMedian} over the values that are not NaN; NaN where the whole window is NaN. */
    static double[] zMedianIgnoringNaN(double[] values, int half) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            int lo = Math.max(0, k - half);
            int hi = Math.min(values.length - 1, k + half);
            double[] window = Arrays.stream(values, lo, hi + 1).filter(v -> !Double.isNaN(v)).toArray();
            out[k] = window.length == 0 ? Double.NaN : Median.of(window);
        }
        return out;
    }
}
