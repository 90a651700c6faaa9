package org.ddlm.diffusion.sampler;

import org.ddlm.diffusion.model.GaussianStream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.oracle.GaussianOracle;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.junit.jupiter.api.Test;

/** RNG streams and the discrete index conventions of algorithms.md §8. */
class NoiseAndIndexConventionsTest {

    @Test
    void gaussianStreamIsReproducibleAndStandardNormal() {
        double[] a = new double[100_001];
        double[] b = new double[100_001];
        new GaussianStream(new SplittableRandom(42)).fill(a, 0, a.length);
        new GaussianStream(new SplittableRandom(42)).fill(b, 0, b.length);
        assertArrayEquals(a, b, 0.0);
        double mean = 0;
        double sq = 0;
        double fourth = 0;
        for (double v : a) {
            mean += v;
            sq += v * v;
            fourth += v * v * v * v;
        }
        int n = a.length;
        // 5 standard errors: mean SE 1/√n, second-moment SE √2/√n, fourth-moment SE √96/√n.
        assertEquals(0.0, mean / n, 5 / Math.sqrt(n));
        assertEquals(1.0, sq / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(3.0, fourth / n, 5 * Math.sqrt(96.0 / n));
        // Pinned first values: the stream may not change across JVMs or versions.
        double[] first = new double[2];
        new GaussianStream(new SplittableRandom(42)).fill(first, 0, 2);
        SplittableRandom r = new SplittableRandom(42);
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        assertEquals(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2), first[0], 0.0);
        assertEquals(Math.sqrt(-2 * Math.log(u1)) * Math.sin(2 * Math.PI * u2), first[1], 0.0);
    }

    @Test
    void elementStreamsAreIndependentOfEachOther() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray like = m.zeros(new Shape(2, 1, 5, 5), DataType.FLOAT64);
            double[] z = ElementNoise.fromSeed(7, 2).standardNormal(like).toDoubleArray();
            double[] first = java.util.Arrays.copyOfRange(z, 0, 25);
            double[] second = java.util.Arrays.copyOfRange(z, 25, 50);
            assertNotEquals(first[0], second[0]);
            // Element 0 alone draws the same values.
            SplittableRandom root = new SplittableRandom(7);
            double[] alone = new double[25];
            new GaussianStream(root.split()).fill(alone, 0, 25);
            assertArrayEquals(alone, first, 0.0);
        }
    }

    /** DDPM over the full integer grid: T evaluations, noise added T − 1 times, none into data. */
    @Test
    void ddpmOverTheFullTableEvaluatesTTimesAndAddsNoiseTMinusOneTimes() {
        DiscreteSchedule s = DiscreteSchedule.linear(1000);
        GaussianOracle oracle = new GaussianOracle(0.0, 0.5, s, Prediction.EPS);
        int[] noiseCalls = {0};
        ElementNoise streams = ElementNoise.fromSeed(5, 1);
        NoiseSource counting = like -> {
            noiseCalls[0]++;
            return streams.standardNormal(like);
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(1, 4), DataType.FLOAT64);
            TimeGrid grid = TimeGrid.shared(Spacings.trailing(1000, 1000), true, 1);
            assertEquals(999.0, grid.time(0, 0), 0.0);
            assertEquals(0.0, grid.time(0, 999), 0.0);
            SamplingDriver driver = new SamplingDriver(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL)).noise(counting);
            driver.run(oracle, x, grid);
            assertEquals(1000, driver.lastEvaluations());
            assertEquals(999, noiseCalls[0]);
        }
    }

    /** Adjacent table steps give the familiar DDPM coefficients √ᾱ_{j−1}β_j/(1−ᾱ_j) and √(1−β_j)(1−ᾱ_{j−1})/(1−ᾱ_j). */
    @Test
    void adjacentStepCoefficientsAreTheClassicOnes() {
        DiscreteSchedule s = DiscreteSchedule.linear(1000);
        int j = 400;
        // A denoiser whose x0 is the constant 1: x' = p·x + q·1 with zero noise stream scaled away.
        GaussianOracle pointMass = new GaussianOracle(1.0, 0.0, s, Prediction.EPS);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {0.0, 2.0}, new Shape(2, 1));
            NoiseSource zero = NDArray::zerosLike;
            TimeGrid grid = TimeGrid.shared(new double[] {j, j - 1}, false, 2);
            double[] out = new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL).sample(pointMass, x, grid, null, zero)
                    .toDoubleArray();
            double q = Math.sqrt(s.alphaBar(j - 1)) * s.beta(j) / (1 - s.alphaBar(j));
            double p = Math.sqrt(1 - s.beta(j)) * (1 - s.alphaBar(j - 1)) / (1 - s.alphaBar(j));
            assertEquals(q, out[0], 1e-12);
            assertEquals(2 * p + q, out[1], 1e-12);
        }
    }
}
