package org.ddlm.validation.simulate;

import java.util.Arrays;

/**
 * Parallel-beam FBP (Kak &amp; Slaney section 3.3): {@code Q = (p * h) ds}, then
 * {@code f(x, y) = (pi / views) sum_theta Q_theta(x cos theta + y sin theta)} with linear interpolation.
 */
final class ParallelBeamFbp implements Reconstructor {

    private final ParallelBeamGeometry geometry;
    private final ImageGrid grid;
    private final ProjectionFilter filter;
    private final int bins;
    private final double binSpacing;

    ParallelBeamFbp(ParallelBeamGeometry geometry, ImageGrid grid, ReconFilter window) {
        this.geometry = geometry;
        this.grid = grid;
        this.bins = geometry.bins(grid);
        this.binSpacing = geometry.binSpacingMm(grid);
        this.filter = new ProjectionFilter(bins, binSpacing, window, k -> 1, binSpacing);
    }

    @Override
    public double[] reconstruct(Sinogram sinogram, int threads) {
        int views = geometry.views();
        if (sinogram.views() != views || sinogram.channels() != bins) {
            throw new IllegalArgumentException("sinogram is " + sinogram.views() + "x" + sinogram.channels()
                    + ", geometry expects " + views + "x" + bins);
        }
        double[] q = filter.apply(sinogram, null, threads).data();
        double[] cos = new double[views];
        double[] sin = new double[views];
        for (int v = 0; v < views; v++) {
            cos[v] = Math.cos(geometry.angle(v)) / binSpacing;
            sin[v] = Math.sin(geometry.angle(v)) / binSpacing;
        }
        int w = grid.width();
        double[] xs = new double[w];
        for (int c = 0; c < w; c++) {
            xs[c] = grid.x(c);
        }
        double centre = (bins - 1) / 2.0;
        double fov = geometry.fovRadiusMm(grid);
        double scale = Math.PI / views;
        double[] image = new double[grid.pixels()];
        Parallel.forRange(threads, grid.height(), (rowFrom, rowTo) -> {
            double[] acc = new double[w];
            for (int row = rowFrom; row < rowTo; row++) {
                double y = grid.y(row);
                int[] cols = FovRows.columnsInside(grid, y, fov);
                if (cols[0] > cols[1]) {
                    continue;
                }
                Arrays.fill(acc, 0);
                for (int v = 0; v < views; v++) {
                    double rowPos = y * sin[v] + centre;
                    double cv = cos[v];
                    int base = v * bins;
                    for (int c = cols[0]; c <= cols[1]; c++) {
                        double pos = rowPos + xs[c] * cv;
                        int i0 = (int) pos;
                        if (i0 > bins - 2) {
                            i0 = bins - 2;
                        }
                        double f = pos - i0;
                        acc[c] += q[base + i0] + f * (q[base + i0 + 1] - q[base + i0]);
                    }
                }
                int off = row * w;
                for (int c = cols[0]; c <= cols[1]; c++) {
                    image[off + c] = acc[c] * scale;
                }
            }
        });
        return image;
    }
}
