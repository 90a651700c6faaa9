package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.oracle.MixtureOracle;
import org.ddlm.diffusion.oracle.OracleRuns;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.Sampler;
import org.ddlm.diffusion.sampler.SamplingDriver;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.ddlm.diffusion.schedule.Vp;
import org.ddlm.diffusion.testkit.PerTestManager;
import org.junit.jupiter.api.Test;

/**
 * Splitting in the oracle setting of algorithms.md §6.6: MoG prior of §3.8, 31 values y ∈ [−1.5, 1.5],
 * σ_n = 0.2, start x̄ = y at σ̄ = 0.2, end σ̄ = 0.01 (no data step), λ-uniform grid; condition field with
 * the x0-space gradient costed as autograd (3 units per gradient); reference RK4 in σ̄, 20,000 steps.
 */
class SplittingOracleTest extends PerTestManager {

    private static final ContinuousVpSchedule VP = ContinuousVpSchedule.standard();
    private static final MixtureOracle PRIOR = MixtureOracle.protocol(VP, Prediction.EPS);
    private static final double SIGMA_N = 0.2;
    private static final double START = 0.2;
    private static final double END = 0.01;
    private static final double TOLERANCE = 1.2e-3;
    private static final double[] Y = ys();

    private static double[] ys() {
        double[] y = new double[31];
        for (int k = 0; k < y.length; k++) {
            y[k] = -1.5 + 0.1 * k;
        }
        return y;
    }

    /** The run's answer in x̄ at σ̄ = 0.01 and its cost in units (diffusion forwards + 3 per gradient). */
    private record Run(double[] xBar, long units, long gradients, int evaluations) {
    }

    private enum Method {
        STRANG_HEUN, LIE_TROTTER_HEUN, STRANG_FIRST_ORDER_2M, EULER_GUIDED
    }

    private Run run(Method method, double gamma, int n, boolean toData) {
        double tStart = VP.time(-Math.log(START));
        double tEnd = VP.time(-Math.log(END));
        double[] times = Spacings.lambdaUniform(VP, tStart, tEnd, toData ? n : n + 1);
        try (NDManager scope = manager.newSubManager()) {
            NDArray y = OracleRuns.vector(scope, Y);
            double[] sigmaN = new double[Y.length];
            java.util.Arrays.fill(sigmaN, SIGMA_N);
            DataTerm term = new DataTerm(y, sigmaN);
            double[] alpha = new double[Y.length];
            java.util.Arrays.fill(alpha, VP.alpha(tStart));
            NDArray start = NoiseAwareStart.start(y, alpha, sigmaN, 0.0, null);
            CostCounter cost = new CostCounter();
            Sampler sampler;
            SamplingDriver driver;
            switch (method) {
                case EULER_GUIDED -> {
                    sampler = new DdimSampler(0.0);
                    driver = new SamplingDriver(sampler).hook(new X0GuidanceHook(term, gamma));
                }
                case STRANG_FIRST_ORDER_2M -> {
                    sampler = new DpmSolver2MSampler();
                    driver = new SamplingDriver(sampler).around(new Splitting(Splitting.Scheme.STRANG,
                            Splitting.Substep.FIRST_ORDER, gamma, ConditionFields.x0Space(PRIOR, term, cost)));
                }
                default -> {
                    sampler = new HeunSampler();
                    Splitting.Scheme scheme = method == Method.STRANG_HEUN
                            ? Splitting.Scheme.STRANG : Splitting.Scheme.LIE_TROTTER;
                    driver = new SamplingDriver(sampler).around(new Splitting(scheme, Splitting.Substep.HEUN, gamma,
                            ConditionFields.x0Space(PRIOR, term, cost)));
                }
            }
            TimeGrid grid = TimeGrid.shared(times, toData, Y.length);
            double[] out = driver.run(PRIOR, start, grid).toDoubleArray();
            double alphaEnd = toData ? 1.0 : VP.alpha(tEnd);
            for (int k = 0; k < out.length; k++) {
                out[k] /= alphaEnd;
            }
            int evaluations = driver.lastEvaluations();
            long gradients = method == Method.EULER_GUIDED ? evaluations : cost.gradients();
            long units = method == Method.EULER_GUIDED ? 3L * evaluations : evaluations + 3 * gradients;
            return new Run(out, units, gradients, evaluations);
        }
    }

    /** RK4 in σ̄ on dx̄/dσ̄ = (x̄ − x̂0*)/σ̄ − γσ̄(y − x̂0*)/σ_n² from 0.2 to 0.01. */
    private static double[] reference(double gamma) {
        int steps = 20_000;
        double h = (END - START) / steps;
        double[] out = new double[Y.length];
        for (int k = 0; k < Y.length; k++) {
            double x = Y[k];
            for (int i = 0; i < steps; i++) {
                double s = START + i * h;
                double k1 = field(x, s, Y[k], gamma);
                double k2 = field(x + 0.5 * h * k1, s + 0.5 * h, Y[k], gamma);
                double k3 = field(x + 0.5 * h * k2, s + 0.5 * h, Y[k], gamma);
                double k4 = field(x + h * k3, s + h, Y[k], gamma);
                x += h * (k1 + 2 * k2 + 2 * k3 + k4) / 6;
            }
            out[k] = x;
        }
        return out;
    }

    private static double field(double xBar, double sigmaBar, double y, double gamma) {
        double lambda = -Math.log(sigmaBar);
        double x0 = PRIOR.x0(Vp.alpha(lambda) * xBar, lambda);
        return (xBar - x0) / sigmaBar - gamma * sigmaBar * (y - x0) / (SIGMA_N * SIGMA_N);
    }

    private double error(Method method, double gamma, int n, double[] ref) {
        return OracleMath.maxAbsDiff(run(method, gamma, n, false).xBar(), ref);
    }

    @Test
    void ordersAtGammaOne() {
        double[] ref = reference(1.0);
        int[] ns = {20, 40, 80, 160};
        double[] strang = new double[ns.length];
        double[] lie = new double[ns.length];
        for (int k = 0; k < ns.length; k++) {
            strang[k] = error(Method.STRANG_HEUN, 1.0, ns[k], ref);
            lie[k] = error(Method.LIE_TROTTER_HEUN, 1.0, ns[k], ref);
        }
        double os = OracleRuns.order(ns, strang);
        double ol = OracleRuns.order(ns, lie);
        System.out.printf("gamma=1: Strang errors %s order %.3f; Lie-Trotter errors %s order %.3f%n",
                java.util.Arrays.toString(strang), os, java.util.Arrays.toString(lie), ol);
        assertEquals(2.0, os, 0.15);
        assertEquals(1.0, ol, 0.15);
    }

    @Test
    void strangBeatsEulerGuidanceAtLowerCost() {
        for (double gamma : new double[] {0.1, 1.0}) {
            double[] ref = reference(gamma);
            Run strang = run(Method.STRANG_HEUN, gamma, 10, false);
            double strangError = OracleMath.maxAbsDiff(strang.xBar(), ref);
            // Smallest Euler-guided N reaching the tolerance (errors fall monotonically, ~1/N): bisection.
            int lo = 10;
            int hi = 1000;
            assertTrue(error(Method.EULER_GUIDED, gamma, hi, ref) <= TOLERANCE);
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                if (error(Method.EULER_GUIDED, gamma, mid, ref) <= TOLERANCE) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            long eulerCost = run(Method.EULER_GUIDED, gamma, hi, false).units();
            Run cheap = run(Method.STRANG_FIRST_ORDER_2M, gamma, 10, false);
            System.out.printf("gamma=%.1f: Strang N=10 error %.2e cost %d; Euler-guided needs N=%d, cost %d; "
                    + "cheap Strang(first-order, 2M) N=10 error %.2e cost %d%n", gamma, strangError, strang.units(),
                    hi, eulerCost, OracleMath.maxAbsDiff(cheap.xBar(), ref), cheap.units());
            assertTrue(strangError <= TOLERANCE, "Strang error " + strangError);
            assertEquals(86, strang.units());
            assertTrue(strang.units() <= 0.6 * eulerCost, strang.units() + " vs Euler " + eulerCost);
        }
    }

    /** §6.6 cost table: Strang 8N + 6, Lie–Trotter 8N, FIRST_ORDER Strang with 2M 4N + 3; less ending at data. */
    @Test
    void costCounters() {
        for (int n : new int[] {3, 10}) {
            assertEquals(8L * n + 6, run(Method.STRANG_HEUN, 0.5, n, false).units());
            Run lt = run(Method.LIE_TROTTER_HEUN, 0.5, n, false);
            assertEquals(8L * n, lt.units());
            assertEquals(2L * n, lt.gradients());
            Run cheap = run(Method.STRANG_FIRST_ORDER_2M, 0.5, n, false);
            assertEquals(4L * n + 3, cheap.units());
            assertEquals(3L * n, run(Method.EULER_GUIDED, 0.5, n, false).units());
            // Ending at data: Heun's last step is one evaluation and the last merged substep one gradient.
            Run toData = run(Method.STRANG_HEUN, 0.5, n, true);
            assertEquals(2L * n - 1, toData.evaluations());
            assertEquals(2L * n + 1, toData.gradients());
        }
    }

    /** γ = 0 splitting is the plain sampler. */
    @Test
    void zeroGammaIsThePlainSampler() {
        double tStart = VP.time(-Math.log(START));
        double tEnd = VP.time(-Math.log(END));
        double[] times = Spacings.lambdaUniform(VP, tStart, tEnd, 9);
        double[] start = new double[Y.length];
        for (int k = 0; k < Y.length; k++) {
            start[k] = VP.alpha(tStart) * Y[k];
        }
        double[] plain = OracleRuns.run(new HeunSampler(), PRIOR, start, times, false);
        double[] split = run(Method.STRANG_HEUN, 0.0, 8, false).xBar();
        double alphaEnd = VP.alpha(tEnd);
        for (int k = 0; k < plain.length; k++) {
            assertEquals(plain[k] / alphaEnd, split[k], 1e-12);
        }
        assertEquals(new Shape(31), OracleRuns.vector(manager, Y).getShape());
    }
}
