package org.ddlm.diffusion.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler.Start;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler.ThirdOrderCoefficient;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.PlmsSampler;
import org.ddlm.diffusion.sampler.Sampler;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.Vp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The algorithms.md §3.8 order protocol and the §4.3 mixture checks: MoG (0.5, 0.5; −0.4, 0.6; 0.3, 0.4), continuous
 * VP, t 0.3 → 0.01, λ-uniform N + 1 points, 61 starts, RK4 reference with 32,000 steps.
 */
class MixtureOracleTest {

    private static final ContinuousVpSchedule VP = ContinuousVpSchedule.standard();
    private static final MixtureOracle ORACLE = MixtureOracle.protocol(VP, Prediction.EPS);
    private static final double T_A = 0.3;
    private static final double T_E = 0.01;
    private static final int[] NS = {40, 80, 160, 320, 640};
    private static final double[] STARTS = OracleRuns.protocolStarts();
    private static double[] reference;

    @BeforeAll
    static void solveReference() {
        reference = new double[STARTS.length];
        for (int j = 0; j < STARTS.length; j++) {
            reference[j] = ProbabilityFlowRk4.solve(ORACLE, STARTS[j], VP.lambda(T_A), VP.lambda(T_E), 32_000);
        }
    }

    private static double error(Sampler sampler, int n) {
        double[] grid = Spacings.lambdaUniform(VP, T_A, T_E, n + 1);
        return OracleRuns.maxAbsDiff(OracleRuns.run(sampler, ORACLE, STARTS, grid, false), reference);
    }

    private static double measureOrder(Sampler sampler) {
        double[] e = new double[NS.length];
        for (int k = 0; k < NS.length; k++) {
            e[k] = error(sampler, NS[k]);
        }
        double order = OracleRuns.order(NS, e);
        System.out.printf("order %s: %.3f (E = %s)%n", sampler.name(), order, Arrays.toString(e));
        return order;
    }

    @Test
    void closedFormsMatchFiniteDifferenceScores() {
        for (double t : new double[] {0.01, 0.1, 0.3, 0.9}) {
            double lam = VP.lambda(t);
            for (double x = -2.0; x <= 2.0; x += 0.25) {
                double d = 1e-5;
                double fd = (ORACLE.logDensity(x + d, lam) - ORACLE.logDensity(x - d, lam)) / (2 * d);
                assertEquals(fd, ORACLE.score(x, lam), 1e-6 * Math.max(1.0, Math.abs(fd)), "t " + t + " x " + x);
                // Tweedie: x0* = (x + σ² score)/α, a relation the closed form does not use directly.
                double tweedie = (x + Vp.sigma(lam) * Vp.sigma(lam) * fd) / Vp.alpha(lam);
                assertEquals(tweedie, ORACLE.x0(x, lam), 1e-6 * Math.max(1.0, Math.abs(tweedie)));
            }
        }
    }

    @Test
    void rk4ReferenceHasConverged() {
        double worst = 0.0;
        for (int j = 0; j < STARTS.length; j += 5) {
            double half = ProbabilityFlowRk4.solve(ORACLE, STARTS[j], VP.lambda(T_A), VP.lambda(T_E), 16_000);
            worst = Math.max(worst, Math.abs(half - reference[j]));
        }
        assertTrue(worst < 1e-12, "RK4 16k vs 32k: " + worst);
    }

    @Test
    void errorsAtFiftyStepsAreWithinTwiceThePrototype() {
        Object[][] cases = {
            {new DdimSampler(0.0), 4e-2},
            {new PlmsSampler(), 4e-4},
            {new DpmSolver2MSampler(), 4e-4},
            {new HeunSampler(), 1.2e-3},
            {new DpmSolver3MSampler(), 4e-5},
        };
        for (Object[] c : cases) {
            double e = error((Sampler) c[0], 50);
            System.out.printf("mixture N=50 %s: %.3e%n", ((Sampler) c[0]).name(), e);
            assertTrue(e < (double) c[1], ((Sampler) c[0]).name() + " error " + e);
        }
        // The halved third-order coefficient is an order of magnitude worse (prototype 1.4e-4).
        double ref = error(new DpmSolver3MSampler(Start.SINGLE_STEP_2S, ThirdOrderCoefficient.REFERENCE), 50);
        System.out.printf("mixture N=50 3M reference coefficient: %.3e%n", ref);
        assertTrue(ref > 5e-5 && ref < 3e-4, "reference-coefficient 3M error " + ref);
    }

    @Test
    void measuredOrdersMatchTheClaimedOrders() {
        assertEquals(1.0, measureOrder(new DdimSampler(0.0)), 0.15);
        assertEquals(2.0, measureOrder(new PlmsSampler()), 0.15);
        assertEquals(2.0, measureOrder(new DpmSolver2MSampler()), 0.15);
        assertEquals(2.0, measureOrder(new HeunSampler()), 0.15);
        assertEquals(3.0, measureOrder(new DpmSolver3MSampler()), 0.15);
    }

    /** §3.8 items 1 and 4: either defect caps 3M at order 2. */
    @Test
    void thirdOrderNeedsBothTheSecondOrderStartAndTheExactCoefficient() {
        assertEquals(2.0, measureOrder(new DpmSolver3MSampler(Start.FIRST_ORDER, ThirdOrderCoefficient.EXACT)), 0.15);
        assertEquals(2.0, measureOrder(
                new DpmSolver3MSampler(Start.SINGLE_STEP_2S, ThirdOrderCoefficient.REFERENCE)), 0.15);
    }
}
