package org.ddlm.plugin.bench;

/**
 * One low-dose slice with its full-dose reference at the same position.
 *
 * @param sample    name of the sample (folder name)
 * @param index     position in the sample's pairing order
 * @param low       low-dose HU, row-major
 * @param reference full-dose HU
 * @param padding   true where either image is padding (both are set to -1024 HU when measuring); null = none
 */
public record BenchSlice(String sample, int index, int width, int height, float[] low, float[] reference,
                         boolean[] padding) {

    public BenchSlice {
        int n = width * height;
        if (low.length != n || reference.length != n || (padding != null && padding.length != n)) {
            throw new IllegalArgumentException("slice " + index + " of " + sample + ": arrays do not match "
                    + width + "x" + height);
        }
    }

    /** The central cw x ch region (tests use it to keep network work small). */
    public BenchSlice crop(int cw, int ch) {
        int x0 = (width - cw) / 2;
        int y0 = (height - ch) / 2;
        float[] l = new float[cw * ch];
        float[] r = new float[cw * ch];
        boolean[] p = padding == null ? null : new boolean[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int src = (y0 + y) * width + x0 + x;
                l[y * cw + x] = low[src];
                r[y * cw + x] = reference[src];
                if (p != null) {
                    p[y * cw + x] = padding[src];
                }
            }
        }
        return new BenchSlice(sample, index, cw, ch, l, r, p);
    }
}
