package org.ddlm.validation.simulate;

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
        Backprojection.requireShape(sinogram, views, bins);
        double[] q = filter.apply(sinogram, null, threads).data();
        double[] cos = new double[views];
        double[] sin = new double[views];
        for (int v = 0; v < views; v++) {
            cos[v] = Math.cos(geometry.angle(v)) / binSpacing;
            sin[v] = Math.sin(geometry.angle(v)) / binSpacing;
        }
        double centre = (bins - 1) / 2.0;
        return Backprojection.rows(grid, geometry.fovRadiusMm(grid), views, Math.PI / views, threads,
                (v, y, xs, from, to, acc) -> {
                    double rowPos = y * sin[v] + centre;
                    double cv = cos[v];
                    int base = v * bins;
                    for (int c = from; c <= to; c++) {
                        acc[c] += Backprojection.interpolate(q, base, bins, rowPos + xs[c] * cv);
                    }
                });
    }
}
