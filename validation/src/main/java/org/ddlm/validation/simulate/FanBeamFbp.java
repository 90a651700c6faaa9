package org.ddlm.validation.simulate;

/**
 * Equiangular fan-beam FBP (Kak &amp; Slaney section 3.4.1): weight each projection by {@code D cos(gamma)},
 * convolve with {@code g(gamma) = (1/2) (gamma / sin gamma)^2 h(gamma)} times the angular step, and back-project
 * {@code f(x, y) = (2 pi / views) sum_beta Q_beta(gamma') / L^2}, gamma' and L being the fan angle and the
 * source distance of the pixel, with linear interpolation between channels.
 */
final class FanBeamFbp implements Reconstructor {

    /** Intervals of the tabulated fan angle as a function of tan(gamma'); interpolation error ~1e-9 rad. */
    private static final int TABLE_INTERVALS = 8192;

    private final FanBeamGeometry geometry;
    private final ImageGrid grid;
    private final ProjectionFilter filter;
    private final double[] channelWeight;
    private final double fovRadius;
    private final double tanMax;
    /** Channel position (fractional index) at tan(gamma') = -tanMax + i * step. */
    private final double[] channelOfTan;

    FanBeamFbp(FanBeamGeometry geometry, ImageGrid grid, ReconFilter window) {
        this.geometry = geometry;
        this.grid = grid;
        double dGamma = geometry.fanAngleStep();
        this.filter = new ProjectionFilter(geometry.channels(), dGamma, window, k -> {
            if (k == 0) {
                return 0.5;
            }
            double gamma = k * dGamma;
            double r = gamma / Math.sin(gamma);
            return 0.5 * r * r;
        }, dGamma);
        this.channelWeight = new double[geometry.channels()];
        for (int c = 0; c < channelWeight.length; c++) {
            channelWeight[c] = geometry.sourceToIsocentreMm() * Math.cos(geometry.fanAngle(c));
        }
        this.fovRadius = geometry.fovRadiusMm(grid);
        this.tanMax = Math.tan(geometry.maxFanAngle());
        this.channelOfTan = new double[TABLE_INTERVALS + 2];
        double centre = (geometry.channels() - 1) / 2.0;
        for (int i = 0; i < channelOfTan.length; i++) {
            double t = -tanMax + i * (2 * tanMax / TABLE_INTERVALS);
            channelOfTan[i] = Math.atan(t) / dGamma + centre;
        }
    }

    @Override
    public double[] reconstruct(Sinogram sinogram, int threads) {
        int channels = geometry.channels();
        int views = geometry.views();
        Backprojection.requireShape(sinogram, views, channels);
        double[] q = filter.apply(sinogram, channelWeight, threads).data();
        double d = geometry.sourceToIsocentreMm();
        double[] sinB = new double[views];
        double[] cosB = new double[views];
        for (int v = 0; v < views; v++) {
            sinB[v] = Math.sin(geometry.sourceAngle(v));
            cosB[v] = Math.cos(geometry.sourceAngle(v));
        }
        double invStep = TABLE_INTERVALS / (2 * tanMax);
        return Backprojection.rows(grid, fovRadius, views, 2 * Math.PI / views, threads, (v, y, xs, from, to, acc) -> {
            double sb = sinB[v];
            double cb = cosB[v];
            double uRow = d - y * cb;
            double vRow = y * sb;
            int base = v * channels;
            for (int c = from; c <= to; c++) {
                double x = xs[c];
                double u = uRow + x * sb;  // along the central ray, from the source; L^2 = u^2 + wv^2
                double wv = vRow + x * cb;  // across the central ray
                double t = wv / u;  // tan(gamma')
                double ti = (t + tanMax) * invStep;
                int k = (int) ti;
                double fk = ti - k;
                double pos = channelOfTan[k] + fk * (channelOfTan[k + 1] - channelOfTan[k]);
                acc[c] += Backprojection.interpolate(q, base, channels, pos) / (u * u + wv * wv);
            }
        });
    }
}
