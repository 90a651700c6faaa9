package org.ddlm.diffusion.ddlm;

import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;

/**
 * The region where the noise level is measured (algorithms.md §6.2 step 1): the body mask ({@link BodyMask}:
 * HU &gt; −500, largest 8-connected component, holes filled) of y smoothed by a Gaussian of σ = 2 px,
 * eroded by a disc of radius 5 px so the skin/air edge stays out; padding pixels never belong to it.
 */
public final class NoiseMask {

    public static final double SMOOTHING_PX = 2.0;
    public static final int EROSION_PX = 5;

    private NoiseMask() {
    }

    public static boolean[] of(HuImage slice) {
        int w = slice.width();
        int h = slice.height();
        boolean[] body = BodyMask.of(smooth(slice, SMOOTHING_PX), w, h, slice.padding());
        boolean[] eroded = erode(body, w, h, EROSION_PX);
        for (int i = 0; i < eroded.length; i++) {
            eroded[i] &= !slice.isPadding(i);
        }
        return eroded;
    }

    /** Separable Gaussian (truncated at 4σ, edge samples repeated); padding pixels count as −1024 HU. */
    static double[] smooth(HuImage slice, double s) {
        int w = slice.width();
        int h = slice.height();
        int r = (int) Math.ceil(4 * s);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (s * s));
            sum += k[i + r];
        }
        double[] src = new double[w * h];
        for (int i = 0; i < src.length; i++) {
            src[i] = slice.isPadding(i) ? HuImage.PADDING_FILL_HU : slice.hu()[i];
        }
        double[] tmp = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int t = -r; t <= r; t++) {
                    int xx = Math.min(w - 1, Math.max(0, x + t));
                    a += k[t + r] * src[y * w + xx];
                }
                tmp[y * w + x] = a / sum;
            }
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int t = -r; t <= r; t++) {
                    int yy = Math.min(h - 1, Math.max(0, y + t));
                    a += k[t + r] * tmp[yy * w + x];
                }
                out[y * w + x] = a / sum;
            }
        }
        return out;
    }

    /** Binary erosion by a disc of the given radius; pixels outside the image count as background. */
    static boolean[] erode(boolean[] mask, int w, int h, int radius) {
        // Row spans of the disc: |dx| ≤ span[dy + radius].
        int[] span = new int[2 * radius + 1];
        for (int dy = -radius; dy <= radius; dy++) {
            span[dy + radius] = (int) Math.floor(Math.sqrt(radius * radius - dy * dy));
        }
        // runRight[i] = number of consecutive mask pixels starting at i going right; same to the left.
        int[] right = new int[w * h];
        int[] left = new int[w * h];
        for (int y = 0; y < h; y++) {
            int run = 0;
            for (int x = w - 1; x >= 0; x--) {
                run = mask[y * w + x] ? run + 1 : 0;
                right[y * w + x] = run;
            }
            run = 0;
            for (int x = 0; x < w; x++) {
                run = mask[y * w + x] ? run + 1 : 0;
                left[y * w + x] = run;
            }
        }
        boolean[] out = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean keep = mask[y * w + x];
                for (int dy = -radius; dy <= radius && keep; dy++) {
                    int yy = y + dy;
                    int s = span[dy + radius];
                    keep = yy >= 0 && yy < h && right[yy * w + x] > s && left[yy * w + x] > s;
                }
                out[y * w + x] = keep;
            }
        }
        return out;
    }
}
