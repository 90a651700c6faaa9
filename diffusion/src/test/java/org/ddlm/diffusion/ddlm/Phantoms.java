package org.ddlm.diffusion.ddlm;

import java.util.SplittableRandom;
import org.ddlm.diffusion.model.GaussianStream;

/** Synthetic CT-like slices for the noise-estimator and driver tests. */
final class Phantoms {

    private Phantoms() {
    }

    /** Air (−1000) around an elliptic body of soft tissue (40 HU) with a fat region, bone and a lung (−800). */
    static float[] piecewiseConstant(int w, int h) {
        float[] img = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x - w / 2.0) / (0.42 * w);
                double v = (y - h / 2.0) / (0.34 * h);
                float value = -1000f;
                if (u * u + v * v < 1) {
                    value = 40f;
                    if (Math.hypot(u + 0.4, v) < 0.25) {
                        value = -800f;
                    } else if (Math.hypot(u - 0.35, v + 0.2) < 0.15) {
                        value = 700f;
                    } else if (Math.abs(v) > 0.8) {
                        value = -100f;
                    }
                }
                img[y * w + x] = value;
            }
        }
        return img;
    }

    /** The piecewise-constant phantom with smooth intensity ramps inside the body. */
    static float[] smooth(int w, int h) {
        float[] img = piecewiseConstant(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (img[i] > -900f) {
                    img[i] += (float) (30 * Math.sin(6.0 * x / w) * Math.cos(4.0 * y / h));
                }
            }
        }
        return img;
    }

    /** White Gaussian noise of the given std. */
    static float[] white(int n, double std, long seed) {
        double[] z = new double[n];
        new GaussianStream(new SplittableRandom(seed)).fill(z, 0, n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (std * z[i]);
        }
        return out;
    }

    /** White noise filtered by a 2-D kernel (zero outside the image): correlated, like reconstructed CT noise. */
    static float[] coloured(int w, int h, double[][] kernel, long seed) {
        int r = kernel.length / 2;
        float[] z = white((w + 2 * r) * (h + 2 * r), 1.0, seed);
        int wz = w + 2 * r;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 0;
                for (int dy = 0; dy < kernel.length; dy++) {
                    for (int dx = 0; dx < kernel.length; dx++) {
                        a += kernel[dy][dx] * z[(y + dy) * wz + x + dx];
                    }
                }
                out[y * w + x] = (float) a;
            }
        }
        return out;
    }

    static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
