package org.ddlm.validation.baseline;

/**
 * Separable Gaussian smoothing G_s * y (algorithms.md §6.8) with reflect padding (the edge sample is
 * repeated: d c b a | a b c d | d c b a, as scipy.ndimage's "reflect") and a kernel truncated at
 * radius ⌊4s + ½⌋, normalised to sum 1 so that constant images are fixed points.
 */
public final class GaussianFilter {

    /** The standard deviations (pixels) swept for the baseline. */
    public static final double[] SWEEP_PX = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5};
    /** Kernel half-width in standard deviations. */
    public static final double TRUNCATE = 4.0;

    private GaussianFilter() {
    }

    /** The normalised 1-D kernel, length 2r + 1 with r = ⌊4s + ½⌋. */
    public static double[] kernel(double s) {
        if (!(s > 0.0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("Gaussian standard deviation must be positive, got " + s);
        }
        int r = (int) (TRUNCATE * s + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0.0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (s * s));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Smooths a width×height image (row-major) with standard deviation s pixels. */
    public static float[] apply(float[] image, int width, int height, double s) {
        if (image.length != width * height) {
            throw new IllegalArgumentException(image.length + " pixels for a " + width + "x" + height + " image");
        }
        double[] k = kernel(s);
        int r = k.length / 2;
        // Rows first (into a double buffer), then columns; both passes read from padded index maps.
        double[] rows = new double[image.length];
        int[] colIndex = reflectIndices(width, r);
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                double acc = 0.0;
                for (int t = 0; t < k.length; t++) {
                    acc += k[t] * image[base + colIndex[x + t]];
                }
                rows[base + x] = acc;
            }
        }
        float[] out = new float[image.length];
        int[] rowIndex = reflectIndices(height, r);
        double[] acc = new double[width];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int t = 0; t < k.length; t++) {
                double kt = k[t];
                int base = rowIndex[y + t] * width;
                for (int x = 0; x < width; x++) {
                    acc[x] += kt * rows[base + x];
                }
            }
            for (int x = 0; x < width; x++) {
                out[y * width + x] = (float) acc[x];
            }
        }
        return out;
    }

    /** Source index of padded position p − r, for p in [0, n + 2r), under half-sample reflection. */
    static int[] reflectIndices(int n, int r) {
        int[] idx = new int[n + 2 * r];
        int period = 2 * n;
        for (int p = 0; p < idx.length; p++) {
            int i = Math.floorMod(p - r, period);
            idx[p] = i < n ? i : period - 1 - i;
        }
        return idx;
    }
}
