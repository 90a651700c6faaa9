package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.DeclaredDenoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.Schedule;

/** Small differentiable denoisers built from NDArray operations (autograd works through them). */
final class TinyDenoisers {

    /** Model units are the image units. */
    private static final IntensityMapping UNIT = new IntensityMapping(0.0, 1.0);

    private TinyDenoisers() {
    }

    /** A fixed random two-layer conv net, ε = conv(tanh(conv(x) + c·u/100)), in x's data type. */
    static final class ConvNet extends DeclaredDenoiser {
        private final double[] w1 = new double[4 * 9];
        private final double[] b1 = new double[4];
        private final double[] c = new double[4];
        private final double[] w2 = new double[4 * 9];

        ConvNet(Schedule schedule, long seed) {
            super(Prediction.EPS, schedule, UNIT);
            SplittableRandom r = new SplittableRandom(seed);
            fill(w1, r, 0.6);
            fill(b1, r, 0.3);
            fill(c, r, 1.0);
            fill(w2, r, 0.4);
        }

        private static void fill(double[] a, SplittableRandom r, double scale) {
            for (int i = 0; i < a.length; i++) {
                a[i] = scale * r.nextDouble(-1, 1);
            }
        }

        @Override
        public NDArray predict(NDArray x, double[] time) {
            NDManager m = x.getManager();
            double[] u = new double[time.length];
            for (int b = 0; b < u.length; b++) {
                u[b] = time[b] / 100.0;
            }
            NDArray k1 = m.create(w1, new Shape(4, 1, 3, 3)).toType(x.getDataType(), false);
            NDArray bias = m.create(b1).toType(x.getDataType(), false);
            NDArray cc = m.create(c, new Shape(1, 4, 1, 1)).toType(x.getDataType(), false);
            NDArray uu = m.create(u, new Shape(u.length, 1, 1, 1)).toType(x.getDataType(), false);
            NDArray k2 = m.create(w2, new Shape(1, 4, 3, 3)).toType(x.getDataType(), false);
            NDArray h = Conv2d.conv2d(x, k1, bias, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
            h = h.add(cc.mul(uu)).tanh();
            return Conv2d.conv2d(h, k2, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        }
    }

    /** The Gaussian oracle N(μ, s²) written with NDArray ops: x̂0 = μ + k(x − αμ), k = αs²/(α²s² + σ²). */
    static final class AffineGaussian extends DeclaredDenoiser {
        final double mean;
        final double std;

        AffineGaussian(Schedule schedule, double mean, double std) {
            super(Prediction.X0, schedule, UNIT);
            this.mean = mean;
            this.std = std;
        }

        double gain(double time) {
            double a = schedule().alpha(time);
            double s = schedule().sigma(time);
            return a * std * std / (a * a * std * std + s * s);
        }

        @Override
        public NDArray predict(NDArray x, double[] time) {
            double[] k = new double[time.length];
            double[] offset = new double[time.length];
            for (int b = 0; b < k.length; b++) {
                k[b] = gain(time[b]);
                offset[b] = mean - k[b] * schedule().alpha(time[b]) * mean;
            }
            return org.ddlm.diffusion.model.Coefficients.scale(k, x)
                    .add(org.ddlm.diffusion.model.Coefficients.column(offset, x));
        }
    }

    /** The flat-prior denoiser x̂0 = x/α, whose Jacobian is exactly I/α (the x0-space approximation). */
    static final class Flat extends DeclaredDenoiser {

        Flat(Schedule schedule) {
            super(Prediction.X0, schedule, UNIT);
        }

        @Override
        public NDArray predict(NDArray x, double[] time) {
            double[] inv = Parameterisation.alphas(schedule(), time);
            for (int b = 0; b < inv.length; b++) {
                inv[b] = 1.0 / inv[b];
            }
            return org.ddlm.diffusion.model.Coefficients.scale(inv, x);
        }
    }
}
