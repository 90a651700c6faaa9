package org.ddlm.validation.metrics;

import java.util.List;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The 2-D noise power spectrum of metrics.md section 7 (ICRU Report 87; Boedeker et al. 2007; Dolly et al. 2016):
 * NPS(u_k, v_l) = (dx dy / (nx ny)) (1/M) sum_m |DFT2(ROI_m - trend_m)[k, l]|^2, in HU^2 mm^2, no window function.
 */
public final class NoisePowerSpectrum {

    private NoisePowerSpectrum() {
    }

    /**
     * @param rois    M row-major ROIs of nx columns by ny rows, in HU
     * @param dx      column spacing, mm
     * @param dy      row spacing, mm
     * @param detrend background removal applied to each ROI
     */
    public static Nps compute(List<double[]> rois, int nx, int ny, double dx, double dy, Detrend detrend)
            throws MetricException {
        if (rois.isEmpty()) {
            throw new MetricException("NPS needs at least one ROI");
        }
        if (nx < 4 || ny < 4 || !(dx > 0) || !(dy > 0)) {
            throw new MetricException("NPS needs ROIs of at least 4x4 pixels and positive pixel sizes, got " + nx
                    + "x" + ny + " at " + dx + "x" + dy + " mm");
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(ny, nx);
        double[] power = new double[nx * ny];
        double varianceSum = 0;
        for (double[] roi : rois) {
            if (roi.length != nx * ny) {
                throw new MetricException("an NPS ROI has " + roi.length + " pixels, expected " + nx * ny);
            }
            double[] d = detrend.apply(roi, nx, ny);
            double ss = 0;
            for (double v : d) {
                ss += v * v;
            }
            varianceSum += ss / (nx * ny); // population variance of the detrended ROI (Parseval's right side)
            double[] a = new double[2 * nx * ny];
            System.arraycopy(d, 0, a, 0, d.length);
            fft.realForwardFull(a);
            for (int l = 0; l < ny; l++) {
                for (int k = 0; k < nx; k++) {
                    int src = l * nx + k;
                    // fft-shift: frequency index k' = k - nx/2 .. nx/2-1 lands at column k' + nx/2.
                    int dst = ((l + ny / 2) % ny) * nx + (k + nx / 2) % nx;
                    double re = a[2 * src];
                    double im = a[2 * src + 1];
                    power[dst] += re * re + im * im;
                }
            }
        }
        int m = rois.size();
        double scale = dx * dy / ((double) nx * ny) / m;
        for (int i = 0; i < power.length; i++) {
            power[i] *= scale;
        }
        return new Nps(nx, ny, dx, dy, power, varianceSum / m, m);
    }

    /**
     * All non-overlapping n-by-n ROIs on a grid of step n whose every pixel lies in {@code region} and is not
     * padding: the M ROIs of one slice of a uniform phantom (collect them over slices to reach M &gt;= 10).
     *
     * @param image   width*height values in double, row-major (e.g. a difference image)
     * @param padding true where the pixel is padding, or null
     */
    public static List<double[]> tiles(double[] image, int width, int height, boolean[] padding, Roi region,
                                       int n) {
        List<double[]> out = new java.util.ArrayList<>();
        for (int y0 = 0; y0 + n <= height; y0 += n) {
            for (int x0 = 0; x0 + n <= width; x0 += n) {
                if (inside(width, padding, region, x0, y0, n)) {
                    double[] roi = new double[n * n];
                    for (int y = 0; y < n; y++) {
                        System.arraycopy(image, (y0 + y) * width + x0, roi, y * n, n);
                    }
                    out.add(roi);
                }
            }
        }
        return out;
    }

    private static boolean inside(int width, boolean[] padding, Roi region, int x0, int y0, int n) {
        for (int y = y0; y < y0 + n; y++) {
            for (int x = x0; x < x0 + n; x++) {
                if (!region.contains(x, y) || (padding != null && padding[y * width + x])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Copies an n-by-n ROI with top-left pixel (x0, y0) out of an image. */
    public static double[] patch(double[] image, int width, int height, int x0, int y0, int n)
            throws MetricException {
        if (x0 < 0 || y0 < 0 || x0 + n > width || y0 + n > height) {
            throw new MetricException("NPS ROI at (" + x0 + ", " + y0 + ") of " + n + "x" + n
                    + " pixels does not fit the " + width + "x" + height + " image");
        }
        double[] out = new double[n * n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(image, (y0 + y) * width + x0, out, y * n, n);
        }
        return out;
    }
}
