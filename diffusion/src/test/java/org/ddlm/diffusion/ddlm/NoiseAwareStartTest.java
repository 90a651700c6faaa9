package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Vp;
import org.junit.jupiter.api.Test;

class NoiseAwareStartTest {

    @Test
    void startIsAlphaTimesYAndWhiteNoiseBecomesTheForwardMarginal() {
        int n = 512;
        DiscreteSchedule cosine = DiscreteSchedule.cosine(1000);
        double sigmaN = 0.03;
        TimeMatch m = NoiseAwareStart.match(cosine, sigmaN, 1.0, 0.0);
        double lambda = cosine.lambda(m.time());
        double alpha = Vp.alpha(lambda);
        double sigma = Vp.sigma(lambda);
        float[] clean = Phantoms.smooth(n, n);
        float[] noise = Phantoms.white(n * n, 1.0, 17);
        double[] x = new double[n * n];
        double[] y = new double[n * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = clean[i] / 1000.0;
            y[i] = x[i] + sigmaN * noise[i];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, n, n);
            NDArray yArr = manager.create(y, shape);
            double[] start = NoiseAwareStart.start(yArr, new double[] {alpha}, new double[] {sigmaN}, 0.0, null)
                    .toType(DataType.FLOAT64, false).toDoubleArray();
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < start.length; i++) {
                assertEquals(alpha * y[i], start[i], 0.0);
                double z = (start[i] - alpha * x[i]) / sigma;
                sum += z;
                sum2 += z * z;
            }
            double mean = sum / start.length;
            double std = Math.sqrt(sum2 / start.length - mean * mean);
            System.out.printf("start residual over 512x512: mean %.4f, std %.4f%n", mean, std);
            assertEquals(0.0, mean, 0.01);
            assertEquals(1.0, std, 0.01);
        }
    }

    @Test
    void whiteningAddsScaledNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray y = manager.create(new double[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray xi = manager.create(new double[] {1, -1, 0.5, 2}, new Shape(2, 2));
            double[] out = NoiseAwareStart.start(y, new double[] {0.9, 0.8}, new double[] {0.1, 0.2}, 0.5, xi)
                    .toDoubleArray();
            assertEquals(0.9 * (1 + 0.05), out[0], 1e-15);
            assertEquals(0.9 * (2 - 0.05), out[1], 1e-15);
            assertEquals(0.8 * (3 + 0.05), out[2], 1e-15);
            assertEquals(0.8 * (4 + 0.2), out[3], 1e-15);
        }
    }
}
