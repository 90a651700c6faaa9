package org.ddlm.diffusion.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.oracle.GaussianAffinePropagation.Kind;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DdpmSampler;
import org.ddlm.diffusion.sampler.ElementNoise;
import org.ddlm.diffusion.model.GaussianStream;
import org.ddlm.diffusion.sampler.Sampler;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * Monte-Carlo check of the stochastic samplers against the exact affine propagation of mean and
 * variance (algorithms.md §4.2): μ = 0.3, s = 0.5; start N(1.0, 0.5²) at t = 0.5; 20 λ-uniform points
 * to t = 1e-3, then data; n = 200,000 pixels in one batch element, fixed seed. Pass within 5 standard
 * errors: |mean − m| ≤ 5√(V/n), |var − V| ≤ 5V√(2/(n − 1)).
 */
class AffinePropagationTest {

    private static final ContinuousVpSchedule VP = ContinuousVpSchedule.standard();
    private static final GaussianOracle ORACLE = new GaussianOracle(0.3, 0.5, VP, Prediction.EPS);
    private static final double[] GRID = Spacings.lambdaUniform(VP, 0.5, 1e-3, 20);
    private static final int N = 200_000;
    private static final long SEED = 20231127L;

    /** Exact values reproduce the prototype numbers quoted in §4.2. */
    @Test
    void propagationReproducesPrototypeValues() {
        check(Kind.DDPM_FIXED_SMALL, 0, 0.368423, 0.183353);
        check(Kind.DDIM, 1.0, 0.368423, 0.183353);
        check(Kind.DDPM_FIXED_LARGE, 0, 0.368423, 0.281620);
        check(Kind.DDIM, 0.5, 0.599284, 0.135122);
        check(Kind.DDIM, 0.0, 0.738047, 0.057217);
    }

    private static void check(Kind kind, double eta, double m, double v) {
        double[] mv = GaussianAffinePropagation.propagate(ORACLE, VP, GRID, true, kind, eta, 1.0, 0.25);
        assertEquals(m, mv[0], 1e-6, kind + " eta " + eta + " mean");
        assertEquals(v, mv[1], 1e-6, kind + " eta " + eta + " variance");
    }

    @Test
    void ddpmFixedSmall() {
        monteCarlo(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL), Kind.DDPM_FIXED_SMALL, 0);
    }

    @Test
    void ddpmFixedLarge() {
        monteCarlo(new DdpmSampler(DdpmSampler.Variance.FIXED_LARGE), Kind.DDPM_FIXED_LARGE, 0);
    }

    @Test
    void ddimEtaOne() {
        monteCarlo(new DdimSampler(1.0), Kind.DDIM, 1.0);
    }

    @Test
    void ddimEtaHalf() {
        monteCarlo(new DdimSampler(0.5), Kind.DDIM, 0.5);
    }

    @Test
    void ddimEtaZero() {
        monteCarlo(new DdimSampler(0.0), Kind.DDIM, 0.0);
    }

    private static void monteCarlo(Sampler sampler, Kind kind, double eta) {
        double[] exact = GaussianAffinePropagation.propagate(ORACLE, VP, GRID, true, kind, eta, 1.0, 0.25);
        double[] start = new double[N];
        new GaussianStream(new SplittableRandom(SEED)).fill(start, 0, N);
        for (int k = 0; k < N; k++) {
            start[k] = 1.0 + 0.5 * start[k];
        }
        double[] out;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(start, new Shape(1, N)).toType(DataType.FLOAT64, false);
            out = sampler.sample(ORACLE, x, TimeGrid.shared(GRID, true, 1), null, ElementNoise.fromSeed(SEED + 1, 1))
                    .toDoubleArray();
        }
        double mean = 0.0;
        for (double v : out) {
            mean += v;
        }
        mean /= N;
        double var = 0.0;
        for (double v : out) {
            var += (v - mean) * (v - mean);
        }
        var /= N - 1;
        double meanTol = 5.0 * Math.sqrt(exact[1] / N);
        double varTol = 5.0 * exact[1] * Math.sqrt(2.0 / (N - 1));
        System.out.printf("affine %s: mean %.6f (exact %.6f, tol %.1e), var %.6f (exact %.6f, tol %.1e)%n",
                sampler.name(), mean, exact[0], meanTol, var, exact[1], varTol);
        assertTrue(Math.abs(mean - exact[0]) <= meanTol, sampler.name() + " mean " + mean + " vs " + exact[0]);
        assertTrue(Math.abs(var - exact[1]) <= varTol, sampler.name() + " variance " + var + " vs " + exact[1]);
    }
}
