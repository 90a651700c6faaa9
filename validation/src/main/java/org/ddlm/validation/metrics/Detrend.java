package org.ddlm.validation.metrics;

/** Background removal for one NPS ROI before its DFT (metrics.md section 7). */
public enum Detrend {
    /** Subtract the ROI mean (the default). */
    MEAN,
    /** Subtract a least-squares 2-D second-order polynomial (1, x, y, x^2, xy, y^2). */
    POLY2;

    /** Returns the detrended copy of a row-major nx-by-ny ROI. */
    public double[] apply(double[] roi, int nx, int ny) {
        return this == MEAN ? minusMean(roi) : minusPoly2(roi, nx, ny);
    }

    private static double[] minusMean(double[] roi) {
        double sum = 0;
        for (double v : roi) {
            sum += v;
        }
        double mean = sum / roi.length;
        double[] out = new double[roi.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = roi[i] - mean;
        }
        return out;
    }

    private static double[] minusPoly2(double[] roi, int nx, int ny) {
        // Centred, scaled coordinates keep the 6x6 normal equations well conditioned.
        double[][] ata = new double[6][6];
        double[] atb = new double[6];
        double[] basis = new double[6];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                fillBasis(basis, x, y, nx, ny);
                double v = roi[y * nx + x];
                for (int i = 0; i < 6; i++) {
                    atb[i] += basis[i] * v;
                    for (int j = 0; j < 6; j++) {
                        ata[i][j] += basis[i] * basis[j];
                    }
                }
            }
        }
        double[] c = solve(ata, atb);
        double[] out = new double[roi.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                fillBasis(basis, x, y, nx, ny);
                double fit = 0;
                for (int i = 0; i < 6; i++) {
                    fit += c[i] * basis[i];
                }
                out[y * nx + x] = roi[y * nx + x] - fit;
            }
        }
        return out;
    }

    private static void fillBasis(double[] b, int x, int y, int nx, int ny) {
        double u = (x - (nx - 1) / 2.0) / nx;
        double v = (y - (ny - 1) / 2.0) / ny;
        b[0] = 1;
        b[1] = u;
        b[2] = v;
        b[3] = u * u;
        b[4] = u * v;
        b[5] = v * v;
    }

    /** Gaussian elimination with partial pivoting; a is 6x6 and positive definite for ROIs of 3x3 or more. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
