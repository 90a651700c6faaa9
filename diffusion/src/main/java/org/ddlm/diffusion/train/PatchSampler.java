package org.ddlm.diffusion.train;

import java.util.SplittableRandom;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.ModelException;

/**
 * Draws random square training patches from normal-dose slices (algorithms.md §5.3).
 *
 * <p>A patch is kept when at least {@code minBodyFraction} of its pixels are body. Body here is
 * simply {@code HU > −500} and not padding: the thresholding step of the metrics.md §5 body mask
 * without its largest-component and hole-filling steps, which is enough to reject patches that are
 * mostly air or table and cheap enough to run on every draw. Pixel values are clipped to
 * [−1024, 3071] HU (padding is −1024 HU), then mapped to model units; a random element of the 8
 * square symmetries is applied last.
 */
public final class PatchSampler {

    public static final double MIN_HU = -1024.0;
    public static final double MAX_HU = 3071.0;
    /** Rejected draws allowed per patch before the data is declared unsuitable. */
    static final int MAX_ATTEMPTS = 10_000;

    private final SliceSource slices;
    private final int size;
    private final double minBodyFraction;
    private final IntensityMapping intensity;

    public PatchSampler(SliceSource slices, int size, double minBodyFraction, IntensityMapping intensity)
            throws ModelException {
        if (slices.size() < 1) {
            throw new ModelException("No slices to draw training patches from.");
        }
        if (size < 1) {
            throw new IllegalArgumentException("patch size must be positive, got " + size);
        }
        for (int i = 0; i < slices.size(); i++) {
            HuImage s = slices.slice(i);
            if (s.width() < size || s.height() < size) {
                throw new ModelException("Slice " + i + " is " + s.width() + "x" + s.height()
                        + ", smaller than the " + size + "x" + size + " training patch; use a smaller patch size.");
            }
        }
        this.slices = slices;
        this.size = size;
        this.minBodyFraction = minBodyFraction;
        this.intensity = intensity;
    }

    public int size() {
        return size;
    }

    /** One patch; the draws are slice, x, y (repeated until the body test passes), then the symmetry. */
    public Patch draw(SplittableRandom random) throws ModelException {
        int needed = (int) Math.ceil(minBodyFraction * size * size);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int index = random.nextInt(slices.size());
            HuImage slice = slices.slice(index);
            int x = random.nextInt(slice.width() - size + 1);
            int y = random.nextInt(slice.height() - size + 1);
            if (bodyPixels(slice, x, y) >= needed) {
                int symmetry = random.nextInt(Symmetry.COUNT);
                return new Patch(index, x, y, symmetry, Symmetry.apply(symmetry, crop(slice, x, y), size));
            }
        }
        throw new ModelException("No " + size + "x" + size + " patch with at least " + Math.round(100 * minBodyFraction)
                + "% body pixels (HU > " + BodyMask.THRESHOLD_HU + ") found in " + MAX_ATTEMPTS
                + " random tries: check that the slices are CT images in HU, or use a smaller patch size.");
    }

    private int bodyPixels(HuImage slice, int x, int y) {
        int count = 0;
        float[] hu = slice.hu();
        for (int row = y; row < y + size; row++) {
            int base = row * slice.width();
            for (int col = x; col < x + size; col++) {
                if (hu[base + col] > BodyMask.THRESHOLD_HU && !slice.isPadding(base + col)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A pixel as training sees it: clipped to [{@link #MIN_HU}, {@link #MAX_HU}], padding as {@link #MIN_HU}. */
    public static double trainingHu(HuImage slice, int index) {
        return slice.isPadding(index) ? MIN_HU : Math.min(MAX_HU, Math.max(MIN_HU, slice.hu()[index]));
    }

    private double[] crop(HuImage slice, int x, int y) {
        double[] out = new double[size * size];
        float[] hu = slice.hu();
        for (int row = 0; row < size; row++) {
            int base = (y + row) * slice.width() + x;
            for (int col = 0; col < size; col++) {
                out[row * size + col] = intensity.toModel(trainingHu(slice, base + col));
            }
        }
        return out;
    }
}
