package org.ddlm.diffusion.sampler;

import org.ddlm.diffusion.model.GaussianStream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.model.ForwardingDenoiser;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.model.ReparameterisedDenoiser;
import org.ddlm.diffusion.oracle.GaussianOracle;
import org.ddlm.diffusion.oracle.MixtureOracle;
import org.ddlm.diffusion.oracle.OracleRuns;
import org.ddlm.diffusion.schedule.ContinuousVpSchedule;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.ddlm.diffusion.testkit.PerTestManager;
import org.junit.jupiter.api.Test;

/** The shared sampler contract of algorithms.md §3 ("What to test"). */
class SamplerContractTest extends PerTestManager {

    private static final ContinuousVpSchedule VP = ContinuousVpSchedule.standard();
    private static final DiscreteSchedule COSINE = DiscreteSchedule.cosine(1000);

    private static List<Sampler> all() {
        return List.of(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL), new DdpmSampler(DdpmSampler.Variance.FIXED_LARGE),
                new DdimSampler(0.0), new DdimSampler(0.5), new PlmsSampler(), new DpmSolver1Sampler(),
                new DpmSolver2MSampler(), new DpmSolver2MSampler(true), new DpmSolver3MSampler(), new HeunSampler());
    }

    /** A batch of 3 elements of 2×3 pixels. */
    private NDArray image(long seed) {
        double[] v = new double[18];
        new GaussianStream(new SplittableRandom(seed)).fill(v, 0, v.length);
        return manager.create(v, new Shape(3, 1, 2, 3)).toType(DataType.FLOAT64, false);
    }

    private static double maxAbs(NDArray a) {
        return a.abs().max().getDouble();
    }

    /** Counts evaluations and remembers the times it was asked for. */
    private static final class Counting extends ForwardingDenoiser {
        int calls;

        Counting(Denoiser inner) {
            super(inner);
        }

        @Override
        public NDArray predict(NDArray x, double[] time) {
            calls++;
            return inner().predict(x, time);
        }
    }

    @Test
    void ddimEtaZeroEqualsFirstOrderDpmSolver() {
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, VP, Prediction.EPS);
        double[] starts = OracleRuns.protocolStarts();
        double[] grid = Spacings.lambdaUniform(VP, 1.0, 1e-3, 51);
        for (boolean toData : new boolean[] {false, true}) {
            double[] ddim = OracleRuns.run(new DdimSampler(0.0), oracle, starts, grid, toData);
            double[] dpm = OracleRuns.run(new DpmSolver1Sampler(), oracle, starts, grid, toData);
            double diff = OracleRuns.maxAbsDiff(ddim, dpm);
            System.out.printf("DDIM(0) vs DPM-Solver++(1), 50 steps: %.2e%n", diff);
            assertEquals(0.0, diff, 1e-10);
        }
    }

    @Test
    void ddimEtaOneEqualsDdpmFixedSmallForTheSameNoise() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 300, 0, 12), true, 3);
        NDArray x = image(5);
        NDArray ddim = new DdimSampler(1.0).sample(oracle, x, grid, null, ElementNoise.fromSeed(9, 3));
        NDArray ddpm = new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL).sample(oracle, x, grid, null,
                ElementNoise.fromSeed(9, 3));
        assertEquals(0.0, maxAbs(ddim.sub(ddpm)), 1e-12);
    }

    @Test
    void evaluationCounts() {
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, COSINE, Prediction.EPS);
        int n = 7;
        for (boolean toData : new boolean[] {true, false}) {
            double[] times = toData ? Spacings.lambdaUniform(COSINE, 400, 0, n)
                    : Spacings.lambdaUniform(COSINE, 400, 0, n + 1);
            TimeGrid grid = TimeGrid.shared(times, toData, 3);
            for (Sampler s : all()) {
                Counting counting = new Counting(oracle);
                SamplingDriver driver = new SamplingDriver(s).noise(ElementNoise.fromSeed(1, 3));
                driver.run(counting, image(1), grid);
                int expected = s instanceof HeunSampler ? (toData ? 2 * n - 1 : 2 * n)
                        : s instanceof DpmSolver3MSampler ? n + 1 : n;
                assertEquals(expected, counting.calls, s.name() + " toData " + toData);
                assertEquals(expected, s.evaluations(grid), s.name());
                assertEquals(expected, driver.lastEvaluations(), s.name());
            }
        }
    }

    /** Records every hook call and checks x = α·x0 + σ·eps on the way in and out. */
    private static final class Recording implements StepHook {
        final List<double[]> x0s = new ArrayList<>();
        final List<Double> firstTimes = new ArrayList<>();
        double worst;

        @Override
        public Estimate apply(HookContext c, Estimate e) {
            worst = Math.max(worst, residual(c, e));
            x0s.add(e.x0().toDoubleArray());
            firstTimes.add(c.time()[0]);
            return e;
        }

        static double residual(HookContext c, Estimate e) {
            return c.x().sub(Coefficients.combine(c.alpha(), e.x0(), c.sigma(), e.eps())).abs().max().getDouble();
        }
    }

    @Test
    void everySamplerStartsAnywhereAndReturnsTheLastHookedX0() {
        GaussianOracle oracle = new GaussianOracle(0.1, 0.4, COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.perElement(List.of(Spacings.lambdaUniform(COSINE, 11.85, 0, 6),
                Spacings.lambdaUniform(COSINE, 24.04, 0, 6), Spacings.lambdaUniform(COSINE, 55.46, 0, 6)), true);
        for (Sampler s : all()) {
            Recording hook = new Recording();
            NDArray out = new SamplingDriver(s).hook(hook).noise(ElementNoise.fromSeed(3, 3)).run(oracle, image(2), grid);
            assertEquals(11.85, hook.firstTimes.get(0), 0.0, s.name());
            assertArrayEquals(hook.x0s.get(hook.x0s.size() - 1), out.toDoubleArray(), 0.0, s.name());
            assertTrue(hook.worst < 1e-12, s.name() + " hook input inconsistent by " + hook.worst);
        }
    }

    @Test
    void aConstantX0HookMakesEverySamplerReturnTheConstant() {
        GaussianOracle oracle = new GaussianOracle(0.1, 0.4, COSINE, Prediction.V);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 500, 0, 5), true, 3);
        StepHook constant = (c, e) -> {
            NDArray x0 = c.x().zerosLike().add(0.75);
            NDArray eps = Parameterisation.epsFromX0(c.x(), x0, c.alpha(), c.sigma());
            Estimate out = new Estimate(x0, eps);
            assertTrue(Recording.residual(c, out) < 1e-12);
            return out;
        };
        for (Sampler s : all()) {
            NDArray out = s.sample(oracle, image(3), grid, constant, ElementNoise.fromSeed(4, 3));
            assertEquals(0.0, maxAbs(out.sub(0.75)), 0.0, s.name());
        }
    }

    @Test
    void identityHookIsBitIdenticalToNoHook() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.shared(Spacings.karras(COSINE, 999, 0, 8, 7.0), true, 3);
        for (Sampler s : all()) {
            NDArray a = s.sample(oracle, image(6), grid, null, ElementNoise.fromSeed(8, 3));
            NDArray b = s.sample(oracle, image(6), grid, (c, e) -> new Estimate(e.x0(), e.eps()),
                    ElementNoise.fromSeed(8, 3));
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0.0, s.name());
        }
    }

    @Test
    void modelsDeclaringX0OrVGiveTheNativeEpsResult() {
        GaussianOracle eps = new GaussianOracle(0.3, 0.5, VP, Prediction.EPS);
        double[] starts = {-1.5, 0.2, 2.0};
        double[] grid = Spacings.lambdaUniform(VP, 0.9, 1e-3, 30);
        for (Prediction p : new Prediction[] {Prediction.X0, Prediction.V}) {
            Denoiser wrapped = new ReparameterisedDenoiser(new GaussianOracle(0.3, 0.5, VP, p), Prediction.EPS);
            for (Sampler s : List.of(new DdimSampler(0.0), new PlmsSampler(), new DpmSolver2MSampler(),
                    new DpmSolver3MSampler(), new HeunSampler())) {
                double diff = OracleRuns.maxAbsDiff(OracleRuns.run(s, eps, starts, grid, true),
                        OracleRuns.run(s, wrapped, starts, grid, true));
                assertEquals(0.0, diff, 1e-10, s.name() + " from " + p);
            }
        }
    }

    @Test
    void resultsDoNotDependOnBatchSizeOrOrder() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        double[][] grids = {Spacings.lambdaUniform(COSINE, 11.85, 0, 6), Spacings.lambdaUniform(COSINE, 24.04, 0, 6),
            Spacings.lambdaUniform(COSINE, 55.46, 0, 6)};
        NDArray x = image(11);
        Sampler ddpm = new DdpmSampler(DdpmSampler.Variance.FIXED_LARGE);
        NDArray batch = ddpm.sample(oracle, x, TimeGrid.perElement(List.of(grids), true), null,
                ElementNoise.of(streams(0, 1, 2)));
        // Alone, and in reversed order, each element gives the same values.
        NDArray reversed = ddpm.sample(oracle, x.get(new ai.djl.ndarray.index.NDIndex("{}",
                manager.create(new long[] {2, 1, 0}))), TimeGrid.perElement(List.of(grids[2], grids[1], grids[0]), true),
                null, ElementNoise.of(streams(2, 1, 0)));
        for (int b = 0; b < 3; b++) {
            NDArray alone = ddpm.sample(oracle, x.get(b).expandDims(0), TimeGrid.perElement(List.of(grids[b]), true),
                    null, ElementNoise.of(streams(b)));
            assertArrayEquals(batch.get(b).toDoubleArray(), alone.get(0).toDoubleArray(), 0.0, "element " + b);
            assertArrayEquals(batch.get(b).toDoubleArray(), reversed.get(2 - b).toDoubleArray(), 0.0, "reversed " + b);
        }
    }

    /** A fresh generator per element id, as a caller keying streams by (seed, slice) would make. */
    private static List<SplittableRandom> streams(int... ids) {
        List<SplittableRandom> out = new ArrayList<>();
        for (int id : ids) {
            out.add(new SplittableRandom(77_000L + id));
        }
        return out;
    }

    @Test
    void float32RunFollowsTheFloat64Run() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 200, 0, 10), true, 3);
        for (Sampler s : List.of(new DdimSampler(0.0), new DpmSolver2MSampler(), new HeunSampler())) {
            NDArray x64 = image(12);
            NDArray out64 = s.sample(oracle, x64, grid);
            NDArray out32 = s.sample(oracle, x64.toType(DataType.FLOAT32, false), grid);
            assertEquals(DataType.FLOAT32, out32.getDataType());
            assertEquals(0.0, maxAbs(out32.toType(DataType.FLOAT64, false).sub(out64)), 1e-5, s.name());
        }
    }

    @Test
    void driverReportsProgressCancelsAndRunsWorkAroundSteps() {
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 100, 0, 4), true, 3);
        List<String> events = new ArrayList<>();
        AroundStep around = new AroundStep() {
            @Override
            public void before(SamplerState s) {
                events.add("before " + s.step());
            }

            @Override
            public void after(SamplerState s) {
                events.add("after " + s.step());
            }
        };
        new SamplingDriver(new DpmSolver2MSampler()).around(around)
                .progress((done, total) -> events.add("progress " + done + "/" + total)).run(oracle, image(1), grid);
        assertEquals(List.of("before 0", "after 1", "progress 1/4", "before 1", "after 2", "progress 2/4",
                "before 2", "after 3", "progress 3/4", "before 3", "after 4", "progress 4/4"), events);

        int[] polls = {0};
        SamplingDriver cancelling = new SamplingDriver(new DdimSampler(0.0)).progress(org.ddlm.core.Progress.of(org.ddlm.core.Progress.NONE, () -> ++polls[0] > 2));
        assertThrows(CancellationException.class, () -> cancelling.run(oracle, image(1), grid));
        assertEquals(3, polls[0]);
    }

    @Test
    void workAroundAStepCanReplaceTheState() {
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 100, 0, 4), true, 3);
        NDArray other = image(21);
        AroundStep restart = new AroundStep() {
            @Override
            public void before(SamplerState s) {
                if (s.step() == 0) {
                    s.replaceX(other.add(0.0));
                }
            }
        };
        NDArray replaced = new SamplingDriver(new DdimSampler(0.0)).around(restart).run(oracle, image(1), grid);
        NDArray direct = new DdimSampler(0.0).sample(oracle, other, grid);
        assertArrayEquals(direct.toDoubleArray(), replaced.toDoubleArray(), 0.0);
        assertNotNull(other.toDoubleArray()); // the caller's array is still alive
    }

    @Test
    void lowerOrderFinalOnlyChangesShortGrids() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        TimeGrid shortGrid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 300, 0, 6), true, 3);
        TimeGrid longGrid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 300, 0, 15), true, 3);
        double dShort = maxAbs(new DpmSolver2MSampler(true).sample(oracle, image(2), shortGrid)
                .sub(new DpmSolver2MSampler(false).sample(oracle, image(2), shortGrid)));
        double dLong = maxAbs(new DpmSolver2MSampler(true).sample(oracle, image(2), longGrid)
                .sub(new DpmSolver2MSampler(false).sample(oracle, image(2), longGrid)));
        assertTrue(dShort > 1e-6, "lower-order final had no effect: " + dShort);
        assertEquals(0.0, dLong, 0.0);
    }

    @Test
    void stateStaysWithTheCallersManagerAndFreesTemporaries() {
        GaussianOracle oracle = new GaussianOracle(0.3, 0.5, COSINE, Prediction.EPS);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 100, 0, 40), true, 3);
        NDArray x = image(1);
        int before = manager.getManagedArrays().size();
        NDArray out = new DpmSolver3MSampler().sample(oracle, x, grid);
        assertSame(manager, out.getManager());
        // Only the result is new in the caller's manager; the run's own manager is closed.
        assertEquals(before + 1, manager.getManagedArrays().size());
        assertTrue(!x.isReleased());
    }

    @Test
    void memoryHeldBetweenStepsDoesNotGrow() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.V);
        TimeGrid grid = TimeGrid.shared(Spacings.lambdaUniform(COSINE, 400, 0, 12), true, 3);
        for (Sampler s : all()) {
            List<Integer> live = new ArrayList<>();
            AroundStep census = new AroundStep() {
                @Override
                public void after(SamplerState state) {
                    live.add(state.x().getManager().getManagedArrays().size());
                }
            };
            new SamplingDriver(s).around(census).noise(ElementNoise.fromSeed(2, 3)).run(oracle, image(4), grid);
            // x plus at most three history entries survive a step; temporaries do not.
            for (int k = 3; k < live.size(); k++) {
                assertTrue(live.get(k) <= 4, s.name() + " holds " + live + " arrays");
            }
        }
    }
}
