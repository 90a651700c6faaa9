package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.model.GaussianStream;
import org.junit.jupiter.api.Test;

/** algorithms.md §5.1: L_ε = e^(2λ)·L_x0 and L_v = (1 + e^(2λ))·L_x0 for any prediction, in float64. */
class DiffusionLossTest {

    @Test
    void epsAndVLossesAreWeightedX0Losses() {
        DiscreteSchedule schedule = DiscreteSchedule.cosine(1000);
        int pixels = 50;
        SplittableRandom random = new SplittableRandom(3);
        for (double u : new double[] {0, 0.37, 11.85, 60, 500, 999}) {
            double[] time = {u};
            double[] alpha = Parameterisation.alphas(schedule, time);
            double[] sigma = Parameterisation.sigmas(schedule, time);
            double lambda = schedule.lambda(u);
            double[] x0 = new double[pixels];
            double[] eps = new double[pixels];
            double[] guess = new double[pixels];
            GaussianStream g = new GaussianStream(random.split());
            g.fill(eps, 0, pixels);
            for (int k = 0; k < pixels; k++) {
                x0[k] = random.nextDouble() * 2 - 1;
                guess[k] = x0[k] + 0.2 * (random.nextDouble() - 0.5);
            }
            try (NDManager m = NDManager.newBaseManager()) {
                Shape shape = new Shape(1, pixels);
                NDArray trueX0 = m.create(x0, shape);
                NDArray trueEps = m.create(eps, shape);
                NDArray x = trueX0.mul(alpha[0]).add(trueEps.mul(sigma[0]));
                // A network that predicted x0 = guess, seen as the consistent (x0, ε) pair and as v.
                Estimate predicted = Parameterisation.toEstimate(Prediction.X0, x, m.create(guess, shape), alpha, sigma);
                NDArray predictedV = Parameterisation.toV(predicted, alpha, sigma);
                double lossX0 = DiffusionLoss.meanSquaredError(predicted.x0(),
                        DiffusionLoss.target(Prediction.X0, trueX0, trueEps, alpha, sigma)).getDouble();
                double lossEps = DiffusionLoss.meanSquaredError(predicted.eps(),
                        DiffusionLoss.target(Prediction.EPS, trueX0, trueEps, alpha, sigma)).getDouble();
                double lossV = DiffusionLoss.meanSquaredError(predictedV,
                        DiffusionLoss.target(Prediction.V, trueX0, trueEps, alpha, sigma)).getDouble();
                double snr = Math.exp(2 * lambda);
                assertEquals(snr * lossX0, lossEps, 1e-10 * lossEps, "eps at u=" + u);
                assertEquals((1 + snr) * lossX0, lossV, 1e-10 * lossV, "v at u=" + u);
            }
        }
    }
}
