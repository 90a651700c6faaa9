package org.ddlm.validation.simulate;

import java.util.List;

/** Sums of ellipses: exact sinograms for any ray set, and exact values at points. */
final class AnalyticPhantom {

    private final List<Ellipse> ellipses;

    AnalyticPhantom(List<Ellipse> ellipses) {
        this.ellipses = ellipses;
    }

    /** The modified (Toft) Shepp-Logan phantom with 1 unit = {@code unitMm} mm. */
    static AnalyticPhantom modifiedSheppLogan(double unitMm) {
        double[][] rows = {
            {1, .69, .92, 0, 0, 0},
            {-.8, .6624, .874, 0, -.0184, 0},
            {-.2, .11, .31, .22, 0, -18},
            {-.2, .16, .41, -.22, 0, 18},
            {.1, .21, .25, 0, .35, 0},
            {.1, .046, .046, 0, .1, 0},
            {.1, .046, .046, 0, -.1, 0},
            {.1, .046, .023, -.08, -.605, 0},
            {.1, .023, .023, 0, -.606, 0},
            {.1, .023, .046, .06, -.605, 0},
        };
        List<Ellipse> list = new java.util.ArrayList<>();
        for (double[] r : rows) {
            list.add(new Ellipse(r[0], r[1] * unitMm, r[2] * unitMm, r[3] * unitMm, r[4] * unitMm, r[5]));
        }
        return new AnalyticPhantom(list);
    }

    static AnalyticPhantom disc(double value, double radiusMm) {
        return new AnalyticPhantom(List.of(new Ellipse(value, radiusMm, radiusMm, 0, 0, 0)));
    }

    Ellipse ellipse(int i) {
        return ellipses.get(i);
    }

    Sinogram project(RaySet rays) {
        double[] p = new double[rays.size()];
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (Ellipse e : ellipses) {
                sum += e.lineIntegral(rays.cosTheta()[i], rays.sinTheta()[i], rays.s()[i]);
            }
            p[i] = sum;
        }
        return new Sinogram(rays.views(), rays.channels(), p);
    }

    double valueAt(double x, double y) {
        double v = 0;
        for (Ellipse e : ellipses) {
            if (e.contains(x, y)) {
                v += e.value();
            }
        }
        return v;
    }

    /** Values at the pixel centres of {@code grid}. */
    double[] sample(ImageGrid grid) {
        double[] img = new double[grid.pixels()];
        for (int r = 0; r < grid.height(); r++) {
            for (int c = 0; c < grid.width(); c++) {
                img[r * grid.width() + c] = valueAt(grid.x(c), grid.y(r));
            }
        }
        return img;
    }
}
