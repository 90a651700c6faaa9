package org.ddlm.validation.simulate;

/**
 * Joseph's forward projector (Joseph, IEEE TMI 1(3):192, 1982): along each ray, step one pixel at a time along the
 * axis the ray runs closer to, interpolate linearly across the other axis, and weight by the path length per step.
 * Pixels outside the image count as zero, so the image fades to zero over half a pixel at its border.
 *
 * <p>For speed the image is first cropped to the bounding box of its non-zero pixels and framed with zeros, so the
 * inner loop needs no bounds tests and rays skip the empty margin (air around the body is common).
 */
public final class JosephProjector {

    /** Zero pixels around the cropped image; two so that rounding at the ends of a step range stays in bounds. */
    private static final int BORDER = 2;

    private JosephProjector() {
    }

    /**
     * @param image row-major values on {@code grid} (per mm)
     * @return line integrals (value x mm) for every ray
     */
    public static Sinogram project(double[] image, ImageGrid grid, RaySet rays, int threads) {
        if (image.length != grid.pixels()) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, grid has " + grid.pixels());
        }
        double[] out = new double[rays.size()];
        Framed framed = Framed.of(image, grid);
        if (framed == null) {
            return new Sinogram(rays.views(), rays.channels(), out); // all zero
        }
        Parallel.forRange(threads, rays.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = framed.integrate(rays.cosTheta()[i], rays.sinTheta()[i], rays.s()[i]);
            }
        });
        return new Sinogram(rays.views(), rays.channels(), out);
    }

    /** Line integral along {@code x cos + y sin = s}. */
    static double integrate(double[] image, ImageGrid grid, double cos, double sin, double s) {
        Framed framed = Framed.of(image, grid);
        return framed == null ? 0 : framed.integrate(cos, sin, s);
    }

    /**
     * The non-zero part of an image inside a frame of zeros, with its position in the original grid. Held twice, in
     * float: row-major for rays that step over rows, and transposed for rays that step over columns, so that the two
     * pixels interpolated at each step are adjacent in memory.
     */
    private record Framed(float[] rowMajor, float[] columnMajor, int width, int height, int firstCol, int firstRow,
                          ImageGrid grid) {

        /** Null when the image is all zero. */
        static Framed of(double[] image, ImageGrid grid) {
            int w = grid.width();
            int minR = Integer.MAX_VALUE;
            int maxR = -1;
            int minC = Integer.MAX_VALUE;
            int maxC = -1;
            for (int r = 0; r < grid.height(); r++) {
                for (int c = 0; c < w; c++) {
                    if (image[r * w + c] != 0) {
                        minR = Math.min(minR, r);
                        maxR = Math.max(maxR, r);
                        minC = Math.min(minC, c);
                        maxC = Math.max(maxC, c);
                    }
                }
            }
            if (maxR < 0) {
                return null;
            }
            int fw = maxC - minC + 1 + 2 * BORDER;
            int fh = maxR - minR + 1 + 2 * BORDER;
            float[] rows = new float[fw * fh];
            float[] cols = new float[fw * fh];
            for (int r = minR; r <= maxR; r++) {
                for (int c = minC; c <= maxC; c++) {
                    float v = (float) image[r * w + c];
                    int fr = r - minR + BORDER;
                    int fc = c - minC + BORDER;
                    rows[fr * fw + fc] = v;
                    cols[fc * fh + fr] = v;
                }
            }
            return new Framed(rows, cols, fw, fh, minC - BORDER, minR - BORDER, grid);
        }

        double integrate(double cos, double sin, double s) {
            double dx = grid.dxMm();
            double dy = grid.dyMm();
            if (Math.abs(sin) / dy >= Math.abs(cos) / dx) {
                // Mostly horizontal ray: one sample per column, interpolated between rows.
                // Framed row coordinate at framed column j: r0 + j * dr.
                double r0 = (grid.height() - 1) / 2.0 - (s - grid.x(firstCol) * cos) / (sin * dy) - firstRow;
                double dr = dx * cos / (sin * dy);
                return sumAlong(columnMajor, r0, dr, width, height) * dx / Math.abs(sin);
            }
            // Mostly vertical ray: one sample per row, interpolated between columns.
            double q0 = (s - grid.y(firstRow) * sin) / (cos * dx) + (grid.width() - 1) / 2.0 - firstCol;
            double dq = dy * sin / (cos * dx);
            return sumAlong(rowMajor, q0, dq, height, width) * dy / Math.abs(cos);
        }
    }

    /**
     * Sum over the steps k of the frame's lines (rows of {@code size} values in {@code lines}, one line per step) of the
     * value at position {@code p0 + k dp} along line k, interpolated linearly; only steps that can touch the image count.
     */
    private static double sumAlong(float[] lines, double p0, double dp, int steps, int size) {
        long range = stepsInside(p0, dp, steps, size);
        int lo = (int) (range >> 32);
        int hi = (int) range;
        double sum = 0;
        for (int j = lo; j <= hi; j++) {
            double p = p0 + j * dp;
            int i0 = (int) p;
            double f = p - i0;
            int k = j * size + i0;
            sum += lines[k] + f * (lines[k + 1] - lines[k]);
        }
        return sum;
    }

    /**
     * Steps k in [0, steps) whose framed position {@code p0 + k dp} lies in [BORDER - 1, size - BORDER], the
     * positions whose interpolation can touch a real (non-frame) pixel. Returns {@code lo << 32 | hi} (empty when
     * lo &gt; hi). The frame keeps rounding at both ends of the range inside the array.
     */
    static long stepsInside(double p0, double dp, int steps, int size) {
        long lo;
        long hi;
        double min = BORDER - 1;
        double max = size - BORDER;
        if (dp == 0) {
            boolean in = p0 >= min && p0 <= max;
            lo = in ? 0 : 1;
            hi = in ? steps - 1 : 0;
        } else {
            double a = (min - p0) / dp;
            double b = (max - p0) / dp;
            lo = Math.max(0, (long) Math.ceil(Math.min(a, b)));
            hi = Math.min(steps - 1, (long) Math.floor(Math.max(a, b)));
        }
        if (lo > hi) {
            return 1L << 32; // lo = 1, hi = 0
        }
        return (lo << 32) | (hi & 0xffffffffL);
    }
}
