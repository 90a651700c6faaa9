package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.oracle.GaussianAffinePropagation;
import org.ddlm.diffusion.oracle.GaussianOracle;
import org.ddlm.diffusion.oracle.OracleRuns;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DdpmSampler;
import org.ddlm.diffusion.sampler.ElementNoise;
import org.ddlm.diffusion.sampler.SamplingDriver;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * Exact Gaussian-oracle answers of the pipeline (algorithms.md §6.9): data N(0.3, 0.5²), σ_n = 0.2,
 * y = 1.1, start α*y at σ̄* = σ_n, grid t_i = t*(1 − i/N) then data, conditioning none.
 */
class PipelineOracleTest {

    private static final ContinuousVpSchedule VP = ContinuousVpSchedule.standard();
    private static final double MU = 0.3;
    private static final double S = 0.5;
    private static final double SIGMA_N = 0.2;
    private static final double Y = 1.1;
    private static final double WIENER = MU + S * S / (S * S + SIGMA_N * SIGMA_N) * (Y - MU);
    private static final double FLOW = MU + S / Math.sqrt(S * S + SIGMA_N * SIGMA_N) * (Y - MU);

    private static double[] grid(double tStar, int n) {
        return Spacings.uniform(tStar, tStar / n, n);
    }

    @Test
    void referenceValues() {
        assertEquals(0.989655, WIENER, 1e-6);
        assertEquals(1.042781, FLOW, 1e-6);
        assertEquals(0.057959, TimeMatch.of(VP, SIGMA_N, 1.0).time(), 1e-6);
    }

    /** The DDPM mean map is exact: the propagated mean equals the Wiener estimate for every N. */
    @Test
    void ddpmMeanIsWienerForEveryN() {
        GaussianOracle oracle = new GaussianOracle(MU, S, VP, Prediction.EPS);
        TimeMatch m = TimeMatch.of(VP, SIGMA_N, 1.0);
        double alpha = VP.alpha(m.time());
        for (int n : new int[] {1, 2, 5, 10, 50, 200}) {
            for (GaussianAffinePropagation.Kind kind : new GaussianAffinePropagation.Kind[] {
                GaussianAffinePropagation.Kind.DDPM_FIXED_SMALL, GaussianAffinePropagation.Kind.DDPM_FIXED_LARGE}) {
                double[] mv = GaussianAffinePropagation.propagate(oracle, VP, grid(m.time(), n), true, kind, 0.0,
                        alpha * Y, 0.0);
                assertEquals(WIENER, mv[0], 1e-10, kind + " N=" + n);
            }
        }
        double[] ten = GaussianAffinePropagation.propagate(oracle, VP, grid(m.time(), 10), true,
                GaussianAffinePropagation.Kind.DDPM_FIXED_SMALL, 0.0, alpha * Y, 0.0);
        assertEquals(0.024695, ten[1], 1e-6);
    }

    /** Monte Carlo through the real sampler: n = 200,000 pixels, N = 10, 5 standard errors. */
    @Test
    void ddpmMonteCarloMatchesWienerAndThePropagatedVariance() {
        GaussianOracle oracle = new GaussianOracle(MU, S, VP, Prediction.EPS);
        TimeMatch m = TimeMatch.of(VP, SIGMA_N, 1.0);
        double alpha = VP.alpha(m.time());
        int n = 200_000;
        double[] times = grid(m.time(), 10);
        double[] exact = GaussianAffinePropagation.propagate(oracle, VP, times, true,
                GaussianAffinePropagation.Kind.DDPM_FIXED_SMALL, 0.0, alpha * Y, 0.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] ys = new double[n];
            java.util.Arrays.fill(ys, Y);
            NDArray y = manager.create(ys, new Shape(1, n));
            NDArray start = NoiseAwareStart.start(y, new double[] {alpha}, new double[] {SIGMA_N}, 0.0, null);
            NDArray out = new SamplingDriver(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL))
                    .noise(ElementNoise.fromSeed(2026, 1))
                    .run(oracle, start, TimeGrid.shared(times, true, 1));
            double[] v = out.toDoubleArray();
            double sum = 0;
            for (double d : v) {
                sum += d;
            }
            double mean = sum / n;
            double ss = 0;
            for (double d : v) {
                ss += (d - mean) * (d - mean);
            }
            double var = ss / (n - 1);
            System.out.printf("DDPM from t*, N=10: mean %.6f (Wiener %.6f), var %.6f (propagated %.6f)%n",
                    mean, WIENER, var, exact[1]);
            assertEquals(WIENER, mean, 5 * Math.sqrt(exact[1] / n));
            assertEquals(exact[1], var, 5 * exact[1] * Math.sqrt(2.0 / (n - 1)));
        }
    }

    /** DDIM(η = 0) from t* converges with order 1 to the probability-flow answer. */
    @Test
    void ddimConvergesToTheProbabilityFlowAnswerAtOrderOne() {
        GaussianOracle oracle = new GaussianOracle(MU, S, VP, Prediction.EPS);
        TimeMatch m = TimeMatch.of(VP, SIGMA_N, 1.0);
        double start = VP.alpha(m.time()) * Y;
        int[] ns = {10, 20, 40, 80, 160};
        double[] errors = new double[ns.length];
        for (int k = 0; k < ns.length; k++) {
            double out = OracleRuns.run(new DdimSampler(0.0), oracle, new double[] {start}, grid(m.time(), ns[k]), true)[0];
            errors[k] = Math.abs(out - FLOW);
            if (k > 0) {
                assertTrue(errors[k] < errors[k - 1], "error must fall with N");
            }
        }
        double order = OracleRuns.order(ns, errors);
        double thousand = OracleRuns.run(new DdimSampler(0.0), oracle, new double[] {start}, grid(m.time(), 1000), true)[0];
        System.out.printf("DDIM(0) from t*: errors %s, order %.3f; N=1000 gives %.6f%n",
                java.util.Arrays.toString(errors), order, thousand);
        assertEquals(1.0, order, 0.15);
        assertEquals(1.042716, thousand, 2e-6);
    }
}
