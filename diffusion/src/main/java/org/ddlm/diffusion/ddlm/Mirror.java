package org.ddlm.diffusion.ddlm;

import org.ddlm.core.HuImage;

/**
 * The four mirror views of a row-major w×h image used by the geometric self-ensemble: view 0 is the image,
 * 1 mirrors left-right, 2 up-down, 3 both. Every view is its own inverse, so the same call maps a view's
 * result back.
 */
final class Mirror {

    private Mirror() {
    }

    /** The slice seen in {@code view}, padding mask included. */
    static HuImage apply(HuImage slice, int view) {
        if (view == 0) {
            return slice;
        }
        int w = slice.width();
        int h = slice.height();
        float[] hu = new float[w * h];
        boolean[] padding = slice.padding() == null ? null : new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            int s = source(i, w, h, view);
            hu[i] = slice.hu()[s];
            if (padding != null) {
                padding[i] = slice.padding()[s];
            }
        }
        return new HuImage(w, h, hu, padding);
    }

    /** The w×h view of the image stored at {@code offset} in {@code values} (row stride w). */
    static double[] apply(double[] values, int offset, int w, int h, int view) {
        double[] out = new double[w * h];
        for (int i = 0; i < w * h; i++) {
            out[i] = values[offset + source(i, w, h, view)];
        }
        return out;
    }

    private static int source(int i, int w, int h, int view) {
        if (view < 0 || view > 3) {
            throw new IllegalArgumentException("mirror view must be 0..3, got " + view);
        }
        int x = i % w;
        int y = i / w;
        int sx = (view & 1) != 0 ? w - 1 - x : x;
        int sy = (view & 2) != 0 ? h - 1 - y : y;
        return sy * w + sx;
    }
}
