package org.ddlm.validation.simulate;

import java.util.Arrays;

/**
 * The back-projection loop both FBPs share: image rows in parallel, each summed view by view over the columns inside
 * the field-of-view circle, then scaled; only what one view adds to one row differs between the geometries.
 */
final class Backprojection {

    private Backprojection() {
    }

    /** Adds view {@code view}'s filtered projection to the columns {@code from..to} of the row at height y. */
    @FunctionalInterface
    interface ViewIntoRow {
        void add(int view, double y, double[] xs, int from, int to, double[] acc);
    }

    /** The sinogram a reconstructor was made for: views x channels, else an IllegalArgumentException. */
    static void requireShape(Sinogram sinogram, int views, int channels) {
        if (sinogram.views() != views || sinogram.channels() != channels) {
            throw new IllegalArgumentException("sinogram is " + sinogram.views() + "x" + sinogram.channels()
                    + ", geometry expects " + views + "x" + channels);
        }
    }

    /** {@code image = scale * sum over views} inside the circle of radius fovRadius (mm); outside stays 0. */
    static double[] rows(ImageGrid grid, double fovRadius, int views, double scale, int threads, ViewIntoRow view) {
        int w = grid.width();
        double[] xs = new double[w];
        for (int c = 0; c < w; c++) {
            xs[c] = grid.x(c);
        }
        double[] image = new double[grid.pixels()];
        Parallel.forRange(threads, grid.height(), (rowFrom, rowTo) -> {
            double[] acc = new double[w];
            for (int row = rowFrom; row < rowTo; row++) {
                double y = grid.y(row);
                int[] cols = FovRows.columnsInside(grid, y, fovRadius);
                if (cols[0] > cols[1]) {
                    continue;
                }
                Arrays.fill(acc, 0);
                for (int v = 0; v < views; v++) {
                    view.add(v, y, xs, cols[0], cols[1], acc);
                }
                int off = row * w;
                for (int c = cols[0]; c <= cols[1]; c++) {
                    image[off + c] = acc[c] * scale;
                }
            }
        });
        return image;
    }

    /** q linearly interpolated at fractional channel pos of the row starting at base (pos clamped to the last pair). */
    static double interpolate(double[] q, int base, int channels, double pos) {
        int i0 = (int) pos;
        if (i0 > channels - 2) {
            i0 = channels - 2;
        }
        double f = pos - i0;
        return q[base + i0] + f * (q[base + i0 + 1] - q[base + i0]);
    }
}
