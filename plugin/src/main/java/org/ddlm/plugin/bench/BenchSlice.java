package org.ddlm.plugin.bench;

import java.util.Arrays;
import org.ddlm.core.HuImage;

/**
 * One low-dose slice with its full-dose reference at the same position.
 *
 * @param sample    name of the sample (folder name)
 * @param index     position in the sample's pairing order
 * @param low       low-dose HU
 * @param reference full-dose HU on the same grid; both images carry one padding mask, true where either source
 *                  image is padding (both are set to -1024 HU there when measuring)
 */
public record BenchSlice(String sample, int index, HuImage low, HuImage reference) {

    public BenchSlice {
        if (!low.sameGrid(reference) || !Arrays.equals(low.padding(), reference.padding())) {
            throw new IllegalArgumentException("slice " + index + " of " + sample + ": low dose " + low.width() + "x"
                    + low.height() + " and reference " + reference.width() + "x" + reference.height()
                    + " need one grid and one padding mask");
        }
    }

    /** The central cw x ch region (tests use it to keep network work small). */
    public BenchSlice crop(int cw, int ch) {
        int w = low.width();
        int x0 = (w - cw) / 2;
        int y0 = (low.height() - ch) / 2;
        float[] l = new float[cw * ch];
        float[] r = new float[cw * ch];
        boolean[] p = low.padding() == null ? null : new boolean[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int src = (y0 + y) * w + x0 + x;
                l[y * cw + x] = low.hu()[src];
                r[y * cw + x] = reference.hu()[src];
                if (p != null) {
                    p[y * cw + x] = low.padding()[src];
                }
            }
        }
        return new BenchSlice(sample, index, new HuImage(cw, ch, l, p), new HuImage(cw, ch, r, p));
    }
}
