package org.ddlm.validation.simulate;

/**
 * Ordinary least squares {@code y = b0 + b1 x1 + ... + bk xk} with standard errors and 95 % confidence intervals
 * from Student's t with n - k - 1 degrees of freedom.
 *
 * @param coefficients b0 (intercept) .. bk
 * @param standardErrors standard error of each coefficient
 * @param ci95HalfWidth  t(0.975, n-k-1) x standard error
 * @param residualSd     sqrt(RSS / (n - k - 1))
 * @param n              observations
 */
public record LinearFit(double[] coefficients, double[] standardErrors, double[] ci95HalfWidth, double residualSd,
                        int n) {

    /**
     * @param y  responses
     * @param xs regressors, {@code xs[j][i]} = regressor j of observation i
     */
    public static LinearFit of(double[] y, double[]... xs) {
        int n = y.length;
        int p = xs.length + 1;
        for (int j = 0; j < xs.length; j++) {
            if (xs[j].length != n) {
                throw new IllegalArgumentException("regressor " + (j + 1) + " has " + xs[j].length
                        + " values, expected " + n);
            }
        }
        if (n <= p) {
            throw new IllegalArgumentException("need more than " + p + " observations for " + (p - 1)
                    + " regressor(s) and an intercept, got " + n);
        }
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            fillRow(row, xs, i);
            for (int a = 0; a < p; a++) {
                xty[a] += row[a] * y[i];
                for (int b = 0; b < p; b++) {
                    xtx[a][b] += row[a] * row[b];
                }
            }
        }
        double[][] inv = invert(xtx);
        double[] beta = new double[p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                beta[a] += inv[a][b] * xty[b];
            }
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            fillRow(row, xs, i);
            double fit = 0;
            for (int a = 0; a < p; a++) {
                fit += beta[a] * row[a];
            }
            rss += (y[i] - fit) * (y[i] - fit);
        }
        int dof = n - p;
        double s2 = rss / dof;
        double t = StudentT.quantile(0.975, dof);
        double[] se = new double[p];
        double[] ci = new double[p];
        for (int a = 0; a < p; a++) {
            se[a] = Math.sqrt(s2 * inv[a][a]);
            ci[a] = t * se[a];
        }
        return new LinearFit(beta, se, ci, Math.sqrt(s2), n);
    }

    /** The coefficient of regressor j (1-based; 0 is the intercept). */
    public double coefficient(int j) {
        return coefficients[j];
    }

    private static void fillRow(double[] row, double[][] xs, int i) {
        row[0] = 1;
        for (int j = 0; j < xs.length; j++) {
            row[j + 1] = xs[j][i];
        }
    }

    /** Gauss-Jordan inverse with partial pivoting; refuses (near-)singular systems such as a constant regressor. */
    private static double[][] invert(double[][] m) {
        int p = m.length;
        double[][] a = new double[p][2 * p];
        double scale = 0;
        for (int i = 0; i < p; i++) {
            System.arraycopy(m[i], 0, a[i], 0, p);
            a[i][p + i] = 1;
            for (int j = 0; j < p; j++) {
                scale = Math.max(scale, Math.abs(m[i][j]));
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-12 * scale) {
                throw new IllegalArgumentException("regressors are collinear or constant; the fit is undetermined");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            for (int j = 0; j < 2 * p; j++) {
                a[col][j] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * p; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }
}
