package org.ddlm.validation.metrics;

/**
 * SSIM as scikit-image 0.19.3 computes it with {@code gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False} (metrics.md section 4).
 *
 * <p>Only the valid region is computed: skimage crops 5 pixels from every edge before averaging, and every kept
 * pixel has its whole 11x11 window inside the image, so the border mode never matters.
 */
public final class Ssim {

    /** Kernel radius: int(truncate * sigma + 0.5) with truncate 3.5 and sigma 1.5. */
    public static final int RADIUS = 5;
    public static final int SIZE = 2 * RADIUS + 1;
    private static final double SIGMA = 1.5;
    private static final double[] KERNEL = gaussianKernel();

    private Ssim() {
    }

    /**
     * The SSIM map over the valid region, (height-10) rows by (width-10) columns, row-major.
     * Inputs are the clipped, shifted images; {@code dataRange} is W.
     */
    public static double[] map(double[] x, double[] y, int width, int height, double dataRange)
            throws MetricException {
        if (width < SIZE || height < SIZE) {
            throw new MetricException("SSIM needs images of at least 11x11 pixels, got " + width + "x" + height);
        }
        if (x.length != (long) width * height || y.length != x.length) {
            throw new IllegalArgumentException("pixel arrays do not match " + width + "x" + height);
        }
        int vw = width - 2 * RADIUS;
        int vh = height - 2 * RADIUS;
        // Horizontal pass over all rows, kept columns only: the five moments' row sums.
        double[] hx = new double[height * vw];
        double[] hy = new double[height * vw];
        double[] hxx = new double[height * vw];
        double[] hyy = new double[height * vw];
        double[] hxy = new double[height * vw];
        for (int r = 0; r < height; r++) {
            int row = r * width;
            for (int c = 0; c < vw; c++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int k = 0; k < SIZE; k++) {
                    double g = KERNEL[k];
                    double a = x[row + c + k];
                    double b = y[row + c + k];
                    sx += g * a;
                    sy += g * b;
                    sxx += g * a * a;
                    syy += g * b * b;
                    sxy += g * a * b;
                }
                int o = r * vw + c;
                hx[o] = sx;
                hy[o] = sy;
                hxx[o] = sxx;
                hyy[o] = syy;
                hxy[o] = sxy;
            }
        }
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        double[] s = new double[vh * vw];
        for (int r = 0; r < vh; r++) {
            for (int c = 0; c < vw; c++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int k = 0; k < SIZE; k++) {
                    double g = KERNEL[k];
                    int o = (r + k) * vw + c;
                    mx += g * hx[o];
                    my += g * hy[o];
                    mxx += g * hxx[o];
                    myy += g * hyy[o];
                    mxy += g * hxy[o];
                }
                // Population moments (cov_norm = 1), as skimage with use_sample_covariance=False.
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double vxy = mxy - mx * my;
                double num = (2 * mx * my + c1) * (2 * vxy + c2);
                double den = (mx * mx + my * my + c1) * (vx + vy + c2);
                s[r * vw + c] = num / den;
            }
        }
        return s;
    }

    /** Mean SSIM: the mean of {@link #map} (skimage's return value). */
    public static double mean(double[] x, double[] y, int width, int height, double dataRange)
            throws MetricException {
        double[] s = map(x, y, width, height, dataRange);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }

    /**
     * Masked SSIM: the mean of the map over mask and the crop region (metrics.md section 5); NaN when that
     * intersection is empty. {@code mask} covers the whole image.
     */
    public static double maskedMean(double[] x, double[] y, int width, int height, double dataRange,
                                    boolean[] mask) throws MetricException {
        double[] s = map(x, y, width, height, dataRange);
        int vw = width - 2 * RADIUS;
        double sum = 0;
        long n = 0;
        for (int r = 0; r < height - 2 * RADIUS; r++) {
            for (int c = 0; c < vw; c++) {
                if (mask[(r + RADIUS) * width + c + RADIUS]) {
                    sum += s[r * vw + c];
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** w_k = exp(-k^2 / (2 sigma^2)), k = -5..5, normalised to sum 1 (scipy's gaussian_filter1d weights). */
    static double[] gaussianKernel() {
        double[] w = new double[SIZE];
        double sum = 0;
        for (int k = -RADIUS; k <= RADIUS; k++) {
            w[k + RADIUS] = Math.exp(-0.5 / (SIGMA * SIGMA) * k * k);
            sum += w[k + RADIUS];
        }
        for (int i = 0; i < SIZE; i++) {
            w[i] /= sum;
        }
        return w;
    }
}
