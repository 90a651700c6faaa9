package org.ddlm.diffusion.ddlm;

import java.util.Arrays;

/**
 * The start factor c_t (σ̄(t*) = c_t·σ_n, algorithms.md §6.3) as a function of the noise's sharpness
 * ({@link NoiseProfile}): piecewise linear between calibrated points, constant beyond the first and last. A prior
 * trained on white noise removes smooth (correlated) CT noise best from a start well above its pixel std, and nearly
 * white noise from a start at about its std, so one constant c_t is right for one texture only.
 *
 * @param sharpness increasing sharpness values of the points
 * @param factor    c_t at each point
 */
public record TimeFactorCurve(double[] sharpness, double[] factor) {

    public TimeFactorCurve {
        if (sharpness.length == 0 || sharpness.length != factor.length) {
            throw new IllegalArgumentException("a c_t curve needs as many factors as sharpness values, at least one");
        }
        for (int i = 0; i < sharpness.length; i++) {
            if (!(factor[i] > 0.0) || Double.isInfinite(factor[i]) || !Double.isFinite(sharpness[i])
                    || (i > 0 && !(sharpness[i] > sharpness[i - 1]))) {
                throw new IllegalArgumentException("c_t curve: sharpness must increase and c_t be positive and finite, "
                        + "got " + Arrays.toString(sharpness) + " -> " + Arrays.toString(factor));
            }
        }
        sharpness = sharpness.clone();
        factor = factor.clone();
    }

    public static TimeFactorCurve constant(double factor) {
        return new TimeFactorCurve(new double[] {0.0}, new double[] {factor});
    }

    /** c_t for a sharpness; NaN (nothing measured) gives the value at the smoothest point, the cautious end. */
    public double at(double s) {
        int n = sharpness.length;
        if (Double.isNaN(s) || s <= sharpness[0]) {
            return factor[0];
        }
        if (s >= sharpness[n - 1]) {
            return factor[n - 1];
        }
        int i = 1;
        while (sharpness[i] < s) {
            i++;
        }
        double f = (s - sharpness[i - 1]) / (sharpness[i] - sharpness[i - 1]);
        return factor[i - 1] + f * (factor[i] - factor[i - 1]);
    }

    @Override
    public double[] sharpness() {
        return sharpness.clone();
    }

    @Override
    public double[] factor() {
        return factor.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeFactorCurve c && Arrays.equals(sharpness, c.sharpness)
                && Arrays.equals(factor, c.factor);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sharpness) + Arrays.hashCode(factor);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sharpness.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.2f->%.2f", sharpness[i],
                    factor[i]));
        }
        return b.toString();
    }
}
