package org.ddlm.diffusion.ddlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.oracle.MixtureOracle;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DdpmSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.DpmSolver3MSampler;
import org.ddlm.diffusion.sampler.ElementNoise;
import org.ddlm.diffusion.model.GaussianStream;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.diffusion.sampler.HookContext;
import org.ddlm.diffusion.sampler.PlmsSampler;
import org.ddlm.diffusion.sampler.Sampler;
import org.ddlm.diffusion.sampler.SamplingDriver;
import org.ddlm.diffusion.sampler.StepHook;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.ddlm.diffusion.schedule.Vp;
import org.ddlm.diffusion.testkit.PerTestManager;
import org.junit.jupiter.api.Test;

/** The hook checks of algorithms.md §6 "What to test" (float64). */
class ConditioningHooksTest extends PerTestManager {

    private static final DiscreteSchedule COSINE = DiscreteSchedule.cosine(1000);
    private static final double[] SIGMA_N = {0.03, 0.05, 0.02};
    private static final double[] START = {11.85, 24.04, 6.13};

    private NDArray random(long seed, Shape shape, double scale) {
        double[] v = new double[(int) shape.size()];
        new GaussianStream(new SplittableRandom(seed)).fill(v, 0, v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return manager.create(v, shape);
    }

    private NDArray observation() {
        return random(3, new Shape(3, 1, 4, 5), 0.5);
    }

    private static TimeGrid grid(int n) {
        List<double[]> rows = new java.util.ArrayList<>();
        for (double s : START) {
            rows.add(Spacings.lambdaUniform(COSINE, s, 0, n));
        }
        return TimeGrid.perElement(rows, true);
    }

    private NDArray start(NDArray y) {
        double[] alpha = new double[START.length];
        for (int b = 0; b < alpha.length; b++) {
            alpha[b] = COSINE.alpha(START[b]);
        }
        return NoiseAwareStart.start(y, alpha, SIGMA_N, 0.0, null);
    }

    private static List<Sampler> samplers() {
        return List.of(new DdpmSampler(DdpmSampler.Variance.FIXED_SMALL), new DdimSampler(0.0), new PlmsSampler(),
                new DpmSolver2MSampler(), new DpmSolver3MSampler(), new HeunSampler());
    }

    private double[] run(Sampler sampler, Denoiser d, NDArray y, StepHook hook) {
        return new SamplingDriver(sampler).hook(hook).noise(ElementNoise.fromSeed(11, 3))
                .run(d, start(y), grid(8)).toDoubleArray();
    }

    @Test
    void blendWithZetaZeroIsBitIdenticalToNone() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        NDArray y = observation();
        for (Sampler s : samplers()) {
            double[] none = run(s, oracle, y, null);
            double[] blend = run(s, oracle, y, BlendHook.map(new DataTerm(y, SIGMA_N), 0.0));
            assertArrayEquals(none, blend, 0.0, s.name());
            double[] blended = run(s, oracle, y, BlendHook.map(new DataTerm(y, SIGMA_N), 0.1));
            assertTrue(OracleMath.maxAbsDiff(none, blended) > 1e-5, s.name() + ": zeta = 0.1 must change the output");
        }
    }

    @Test
    void blendWithWeightOneReturnsY() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.V);
        NDArray y = observation();
        double[] expected = y.toDoubleArray();
        for (Sampler s : samplers()) {
            double[] out = run(s, oracle, y, new BlendHook(new DataTerm(y, SIGMA_N), (sb, sn) -> 1.0));
            assertArrayEquals(expected, out, 1e-15, s.name());
        }
    }

    @Test
    void x0GuidanceEqualsBlendWithOmega() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        NDArray y = observation();
        for (double gamma : new double[] {0.1, 1.0, 30.0}) {
            StepHook guidance = new X0GuidanceHook(new DataTerm(y, SIGMA_N), gamma);
            StepHook blend = new BlendHook(new DataTerm(y, SIGMA_N),
                    (sb, sn) -> X0GuidanceHook.omega(gamma, sb, sn));
            for (Sampler s : List.of(new DpmSolver2MSampler(), new DdimSampler(0.0), new HeunSampler())) {
                double diff = OracleMath.maxAbsDiff(run(s, oracle, y, guidance), run(s, oracle, y, blend));
                assertEquals(0.0, diff, 1e-12, s.name() + " gamma=" + gamma);
            }
        }
        // At γ = 30 and σ̄ = 0.05 > σ_n the weight is clamped at 1: x̂0 becomes y.
        assertEquals(1.0, X0GuidanceHook.omega(30.0, 0.05, 0.05), 0.0);
    }

    @Test
    void hooksKeepXEqualAlphaX0PlusSigmaEps() {
        MixtureOracle oracle = MixtureOracle.protocol(COSINE, Prediction.EPS);
        NDArray y = observation();
        NDArray x = random(5, new Shape(3, 1, 4, 5), 1.0);
        double[] alpha = Parameterisation.alphas(COSINE, START);
        double[] sigma = Parameterisation.sigmas(COSINE, START);
        Estimate raw = oracle.estimate(x, START);
        HookContext context = new HookContext(0, x, START, alpha, sigma);
        for (StepHook hook : List.of(BlendHook.map(new DataTerm(y, SIGMA_N), 0.1),
                BlendHook.map(new DataTerm(y, SIGMA_N), 5.0), new X0GuidanceHook(new DataTerm(y, SIGMA_N), 0.3),
                new X0GuidanceHook(new DataTerm(y, SIGMA_N), 40.0))) {
            Estimate e = hook.apply(context, raw);
            NDArray rebuilt = Coefficients.combine(alpha, e.x0(), sigma, e.eps());
            assertEquals(0.0, rebuilt.sub(x).abs().max().getDouble(), 1e-12);
            assertTrue(e.x0().sub(raw.x0()).abs().max().getDouble() > 1e-6, "the hook must act");
        }
    }

    /** Network guidance: the VJP gradient equals central finite differences of L on a float64 conv net. */
    @Test
    void autogradGradientMatchesFiniteDifferences() {
        TinyDenoisers.ConvNet net = new TinyDenoisers.ConvNet(COSINE, 21);
        Shape shape = new Shape(2, 1, 5, 6);
        NDArray x = random(8, shape, 0.7);
        NDArray y = random(9, shape, 0.5);
        double[] time = {11.85, 40.0};
        double[] sigmaN = {0.03, 0.05};
        DataTerm term = new DataTerm(y, sigmaN);
        CostCounter cost = new CostCounter();
        double[] grad = NetworkGradient.at(net, x, time, term, cost).gradient().toDoubleArray();
        double[] base = x.toDoubleArray();
        double h = 1e-6;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < base.length; i++) {
            double[] plus = base.clone();
            double[] minus = base.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (loss(net, plus, shape, time, y, sigmaN) - loss(net, minus, shape, time, y, sigmaN)) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - grad[i]));
            scale = Math.max(scale, Math.abs(fd));
        }
        System.out.printf("autograd vs central differences: max |diff| %.2e, relative %.2e%n", worst, worst / scale);
        assertTrue(worst / scale < 1e-6, "relative error " + worst / scale);
        assertEquals(1, cost.forwards());
        assertEquals(1, cost.vjps());
        assertEquals(3, cost.units());
    }

    private double loss(Denoiser d, double[] x, Shape shape, double[] time, NDArray y, double[] sigmaN) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray xa = scope.create(x, shape);
            double[] x0 = d.estimate(xa, time).x0().toDoubleArray();
            double[] yv = y.toDoubleArray();
            int per = x0.length / time.length;
            double l = 0;
            for (int i = 0; i < x0.length; i++) {
                double s = sigmaN[i / per];
                l += (yv[i] - x0[i]) * (yv[i] - x0[i]) / (2 * s * s);
            }
            return l;
        }
    }

    /** For the Gaussian oracle J = k·I, so ∇_x L = −k(y − x̂0)/σ_n² exactly. */
    @Test
    void autogradThroughTheGaussianOracleIsTheClosedForm() {
        TinyDenoisers.AffineGaussian oracle = new TinyDenoisers.AffineGaussian(COSINE, 0.3, 0.5);
        Shape shape = new Shape(3, 1, 4, 5);
        NDArray x = random(4, shape, 1.0);
        NDArray y = observation();
        NetworkGradient.Result r = NetworkGradient.at(oracle, x, START, new DataTerm(y, SIGMA_N), new CostCounter());
        double[] g = r.gradient().toDoubleArray();
        double[] x0 = r.estimate().x0().toDoubleArray();
        double[] yv = y.toDoubleArray();
        double[] xv = x.toDoubleArray();
        int per = 20;
        for (int i = 0; i < g.length; i++) {
            int b = i / per;
            double k = oracle.gain(START[b]);
            double a = COSINE.alpha(START[b]);
            assertEquals(0.3 + k * (xv[i] - a * 0.3), x0[i], 1e-12);
            assertEquals(-k * (yv[i] - x0[i]) / (SIGMA_N[b] * SIGMA_N[b]), g[i], 1e-9 * Math.max(1, Math.abs(g[i])));
        }
    }

    /**
     * With the flat-prior denoiser (J = I/α exactly) network guidance and the x0-space hook coincide, and
     * Euler-guided DDIM costs 3 units per step.
     */
    @Test
    void networkGuidanceReducesToX0GuidanceWhenTheJacobianIsIOverAlpha() {
        TinyDenoisers.Flat flat = new TinyDenoisers.Flat(COSINE);
        NDArray y = observation();
        double gamma = 0.2;
        CostCounter cost = new CostCounter();
        DataTerm term = new DataTerm(y, SIGMA_N);
        NDArray start = start(random(6, new Shape(3, 1, 4, 5), 0.5));
        double[] viaNetwork = new SamplingDriver(new DdimSampler(0.0))
                .run(new GuidedDenoiser(flat, term, gamma, cost), start, grid(12)).toDoubleArray();
        double[] viaHook = new SamplingDriver(new DdimSampler(0.0)).hook(new X0GuidanceHook(term, gamma))
                .run(flat, start, grid(12)).toDoubleArray();
        assertEquals(0.0, OracleMath.maxAbsDiff(viaNetwork, viaHook), 1e-12);
        assertEquals(12, cost.forwards());
        assertEquals(12, cost.vjps());
        assertEquals(36, cost.units());
        // The check has teeth: at this γ guidance moves the flat model's answer (which would be y's start otherwise).
        double[] unguided = new SamplingDriver(new DdimSampler(0.0)).run(flat, start, grid(12)).toDoubleArray();
        assertTrue(OracleMath.maxAbsDiff(viaNetwork, unguided) > 1e-4);
        assertEquals(DataType.FLOAT64, start.getDataType());
        assertEquals(Vp.alpha(COSINE.lambda(START[0])), COSINE.alpha(START[0]), 0.0);
    }

    /** With J = I/α the network field α·(−Jᵀr) equals the x0-space field −r; at σ̄ = 0 both are −(y − x̄)/σ_n². */
    @Test
    void networkAndX0FieldsAgreeForTheFlatModel() {
        TinyDenoisers.Flat flat = new TinyDenoisers.Flat(COSINE);
        NDArray y = observation();
        NDArray xBar = random(12, new Shape(3, 1, 4, 5), 0.6);
        DataTerm term = new DataTerm(y, SIGMA_N);
        CostCounter networkCost = new CostCounter();
        CostCounter x0Cost = new CostCounter();
        ConditionField network = ConditionFields.network(flat, term, networkCost);
        ConditionField x0 = ConditionFields.x0Space(flat, term, x0Cost);
        double[] sigmaBar = {0.03, 0.01, 0.004}; // the last is below cosine's least noisy level: clamped query
        double[] a = network.gradient(xBar, sigmaBar).toDoubleArray();
        double[] b = x0.gradient(xBar, sigmaBar).toDoubleArray();
        assertEquals(0.0, OracleMath.maxAbsDiff(a, b), 1e-9);
        double[] atData = network.gradient(xBar, new double[3]).toDoubleArray();
        double[] yv = y.toDoubleArray();
        double[] xv = xBar.toDoubleArray();
        for (int i = 0; i < atData.length; i++) {
            double s = SIGMA_N[i / 20];
            assertEquals(-(yv[i] - xv[i]) / (s * s), atData[i], 1e-9);
        }
        assertEquals(1, networkCost.vjps());
        assertEquals(1, x0Cost.forwards());
        assertEquals(0, x0Cost.vjps());
    }
}
