package org.ddlm.validation.baseline;

import java.util.stream.IntStream;

/**
 * Isotropic total-variation denoising, min_x ½‖x − y‖² + λ·TV(x) (Rudin, Osher &amp; Fatemi 1992), by
 * Chambolle's (2004) projection algorithm as algorithms.md §6.8 states it:
 * p ← (p + τ∇(div p − y/λ)) / (1 + τ|∇(div p − y/λ)|), τ = 1/8, x = y − λ·div p.
 * λ is in model units (x = HU/1000); the HU entry point converts.
 */
public final class TvDenoiser {

    /** The λ_TV values (model units) swept for the baseline. */
    public static final double[] SWEEP_LAMBDA = {0.005, 0.01, 0.02, 0.03, 0.05};
    /** The step bound proven by Chambolle. */
    public static final double TAU = 1.0 / 8.0;
    public static final double DEFAULT_TOLERANCE = 1e-5;
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    /** HU per model unit (x = HU/1000, algorithms.md §2). */
    public static final double HU_PER_UNIT = 1000.0;

    /** Rows per parallel work item; results do not depend on how blocks are scheduled. */
    private static final int ROWS_PER_BLOCK = 32;

    private final double lambda;
    private final double tolerance;
    private final int maxIterations;
    private int lastIterations;

    public TvDenoiser(double lambda, double tolerance, int maxIterations) {
        if (!(lambda > 0.0) || !(tolerance >= 0.0) || maxIterations < 1) {
            throw new IllegalArgumentException("TV needs lambda > 0, tolerance >= 0 and at least one iteration");
        }
        this.lambda = lambda;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** The §6.8 stop rule: max|Δp| &lt; 1e-5 or 1,000 iterations. */
    public static TvDenoiser withDefaults(double lambda) {
        return new TvDenoiser(lambda, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /** Iterations used by the last call. */
    public int lastIterations() {
        return lastIterations;
    }

    /** Denoises an HU image (row-major); λ stays in model units. */
    public float[] denoiseHu(float[] hu, int width, int height) {
        double[] y = new double[hu.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = hu[i] / HU_PER_UNIT;
        }
        double[] x = denoise(y, width, height);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * HU_PER_UNIT);
        }
        return out;
    }

    /** Denoises an image in model units. */
    public double[] denoise(double[] y, int width, int height) {
        int n = width * height;
        if (y.length != n) {
            throw new IllegalArgumentException(y.length + " pixels for a " + width + "x" + height + " image");
        }
        double[] px = new double[n];
        double[] py = new double[n];
        double[] d = new double[n];
        double invLambda = 1.0 / lambda;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations && !converged) {
            // d = div p − y/λ, then p from the forward differences of d; rows in parallel blocks.
            IntStream.range(0, blocks(height)).parallel().forEach(k -> {
                int y0 = k * ROWS_PER_BLOCK;
                divergenceMinus(px, py, y, invLambda, d, width, height, y0, Math.min(height, y0 + ROWS_PER_BLOCK));
            });
            double change = IntStream.range(0, blocks(height)).parallel().mapToDouble(k -> {
                int y0 = k * ROWS_PER_BLOCK;
                return update(px, py, d, width, height, y0, Math.min(height, y0 + ROWS_PER_BLOCK));
            }).max().orElse(0.0);
            iteration++;
            converged = change < tolerance;
        }
        lastIterations = iteration;
        FiniteDifferences.divergence(px, py, width, height, d);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = y[i] - lambda * d[i];
        }
        return x;
    }

    private static int blocks(int height) {
        return (height + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    }

    /** Rows [y0, y1) of d = div p − y/λ (same boundary terms as {@link FiniteDifferences#divergence}). */
    private static void divergenceMinus(double[] px, double[] py, double[] img, double invLambda, double[] d,
                                        int width, int height, int y0, int y1) {
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            // Column terms first (branch-free interior), then the row terms.
            d[row] = px[row];
            for (int i = row + 1; i < row + width - 1; i++) {
                d[i] = px[i] - px[i - 1];
            }
            if (width > 1) {
                d[row + width - 1] = -px[row + width - 2];
            }
            if (y < height - 1) {
                for (int i = row; i < row + width; i++) {
                    d[i] += py[i];
                }
            }
            if (y > 0) {
                for (int i = row; i < row + width; i++) {
                    d[i] -= py[i - width];
                }
            }
            for (int i = row; i < row + width; i++) {
                d[i] -= img[i] * invLambda;
            }
        }
    }

    /** One projection step on rows [y0, y1) of p from the forward differences of d; returns max|Δp| there. */
    private static double update(double[] px, double[] py, double[] d, int width, int height, int y0, int y1) {
        double change = 0.0;
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            int below = y < height - 1 ? width : 0; // last row: gy = d[i] − d[i] = 0
            int end = row + width - 1;
            for (int i = row; i < end; i++) {
                change = Math.max(change, project(px, py, i, d[i + 1] - d[i], d[i + below] - d[i]));
            }
            change = Math.max(change, project(px, py, end, 0.0, d[end + below] - d[end])); // last column: gx = 0
        }
        return change;
    }

    /** p_i ← (p_i + τg)/(1 + τ|g|); returns max|Δp_i|. */
    private static double project(double[] px, double[] py, int i, double gx, double gy) {
        double scale = 1.0 / (1.0 + TAU * Math.sqrt(gx * gx + gy * gy));
        double nx = (px[i] + TAU * gx) * scale;
        double ny = (py[i] + TAU * gy) * scale;
        double change = Math.max(Math.abs(nx - px[i]), Math.abs(ny - py[i]));
        px[i] = nx;
        py[i] = ny;
        return change;
    }
}
