package org.ddlm.diffusion.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.PlmsSampler;
import org.ddlm.diffusion.sampler.Sampler;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.junit.jupiter.api.Test;

/** Exactness and convergence under the Gaussian oracle (algorithms.md §4.1, "What to test"). */
class GaussianOracleTest {

    private static final ContinuousVpSchedule VP = ContinuousVpSchedule.standard();
    private static final double[] STARTS = {-2.5, -1.0, -0.1, 0.0, 0.7, 1.9, 3.0};

    @Test
    void oneDdimStepIsExactForAPointMass() {
        GaussianOracle pointMass = new GaussianOracle(0.3, 0.0, VP, Prediction.EPS);
        double[][] pairs = {{1.0, 1e-3}, {0.8, 0.05}, {0.3, 0.29}, {0.05, 0.01}};
        for (double[] ab : pairs) {
            double[] out = OracleRuns.run(new DdimSampler(0.0), pointMass, STARTS, ab, false);
            for (int k = 0; k < STARTS.length; k++) {
                double exact = pointMass.flow(STARTS[k], VP.lambda(ab[0]), VP.lambda(ab[1]));
                assertEquals(exact, out[k], 1e-10, "t " + ab[0] + " -> " + ab[1]);
            }
            // ... and to data it returns μ.
            double[] toData = OracleRuns.run(new DdimSampler(0.0), pointMass, STARTS, new double[] {ab[0]}, true);
            for (double v : toData) {
                assertEquals(0.3, v, 1e-12);
            }
        }
    }

    @Test
    void pointMassIsIntegratedExactlyByEveryDeterministicSampler() {
        GaussianOracle pointMass = new GaussianOracle(-0.2, 0.0, VP, Prediction.EPS);
        Map<Sampler, Double> tolerance = Map.of(
                new DpmSolver2MSampler(), 1e-12,
                new DpmSolver3MSampler(), 1e-12,
                new PlmsSampler(), 1e-9,
                new HeunSampler(), 1e-9);
        for (int n : new int[] {1, 2, 3, 7, 25}) {
            double[] grid = Spacings.lambdaUniform(VP, 0.9, 2e-3, n + 1);
            for (Map.Entry<Sampler, Double> e : tolerance.entrySet()) {
                double[] out = OracleRuns.run(e.getKey(), pointMass, STARTS, grid, false);
                for (int k = 0; k < STARTS.length; k++) {
                    double exact = pointMass.flow(STARTS[k], VP.lambda(0.9), VP.lambda(2e-3));
                    assertEquals(exact, out[k], e.getValue(), e.getKey().name() + " N = " + n);
                }
            }
        }
    }

    /** μ = 0.3, s = 0.5, t 1 → 1e-3, λ-uniform: errors fall with N and E(640) is small. */
    @Test
    void deterministicSamplersConvergeToTheExactFlowMap() {
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, VP, Prediction.EPS);
        int[] ns = {40, 80, 160, 320, 640};
        Object[][] cases = {
            {new DdimSampler(0.0), 1e-2},
            {new PlmsSampler(), 1e-4},
            {new DpmSolver2MSampler(), 1e-4},
            {new HeunSampler(), 1e-4},
            {new DpmSolver3MSampler(), 1e-6},
        };
        double lamA = VP.lambda(1.0);
        double lamB = VP.lambda(1e-3);
        for (Object[] c : cases) {
            Sampler sampler = (Sampler) c[0];
            double[] errors = new double[ns.length];
            for (int k = 0; k < ns.length; k++) {
                double[] grid = Spacings.lambdaUniform(VP, 1.0, 1e-3, ns[k] + 1);
                double[] out = OracleRuns.run(sampler, oracle, STARTS, grid, false);
                for (int j = 0; j < STARTS.length; j++) {
                    errors[k] = Math.max(errors[k], Math.abs(out[j] - oracle.flow(STARTS[j], lamA, lamB)));
                }
                if (k > 0) {
                    assertTrue(errors[k] < errors[k - 1], sampler.name() + " error did not fall at N = " + ns[k]);
                }
            }
            System.out.printf("gaussian convergence %s: E(40..640) = %s, order %.3f%n", sampler.name(),
                    java.util.Arrays.toString(errors), OracleRuns.order(ns, errors));
            assertTrue(errors[ns.length - 1] < (double) c[1], sampler.name() + " E(640) = " + errors[ns.length - 1]);
        }
    }
}
