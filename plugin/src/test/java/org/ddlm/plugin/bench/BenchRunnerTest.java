package org.ddlm.plugin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.DdlmSettings.Mode;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.Splitting;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.diffusion.sampler.DpmSolver2MSampler;
import org.ddlm.diffusion.sampler.HeunSampler;
import org.ddlm.validation.baseline.GaussianFilter;
import org.ddlm.validation.baseline.TvDenoiser;
import org.ddlm.validation.metrics.Padding;
import org.ddlm.validation.metrics.PairMeasure;
import org.ddlm.validation.metrics.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One 96x96 crop of one bundled slice with the bundled prior: the evaluation counts of each sampler family match
 * their closed forms (algorithms.md §6.6), the reported metrics match an independent computation on the very
 * output, and each baseline row is the argmax of its sweep.
 */
class BenchRunnerTest {
    private static final int CROP = 96;
    private static final int N = 2;
    private static BenchSlice slice;
    private static BenchRunner.SampleRun run;
    private static final Map<String, float[]> OUTPUTS = new HashMap<>();
    private static List<GridRow> rows;
    private static double[] thickness;

    @BeforeAll
    static void runOnce() throws Exception {
        SampleLoader.Sample sample = SampleLoader.load(Path.of("..", "sample-scans", "abdomen-ge-lightspeed16"), 1);
        thickness = sample.sliceThicknessMm();
        assertEquals(1, thickness.length);
        slice = sample.slices().get(0).crop(CROP, CROP);
        rows = List.of(Grid.plain(new DpmSolver2MSampler(), N, Mode.BLEND, null),
                Grid.plain(new DdimSampler(0), N, Mode.NONE, null),
                Grid.plain(new HeunSampler(), N, Mode.BLEND, null),
                Grid.plain(new HeunSampler(), N, Mode.GUIDANCE_NETWORK, Splitting.Scheme.STRANG),
                Grid.plain(new DdimSampler(0), N, Mode.GUIDANCE_NETWORK, null));
        TorchRuntime.start(ThreadCounts.of(2));
        try (PriorModels.Opened prior = PriorModels.open("default", Device.cpu());
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            run = new BenchRunner(prior.denoiser(), manager, NoiseCalibration.forModel("default"), false)
                    .sink((row, s, hu) -> OUTPUTS.put(row.key(), hu.clone()))
                    .run(List.of(slice), thickness, rows);
        }
    }

    private static BenchResult result(int gridIndex) {
        return run.results().get(3 + gridIndex);
    }

    /**
     * The sample's slice thickness (5 mm in its low-dose headers, as dcmdump shows) reaches the estimate: σ_n is
     * what {@code ddlm denoise}'s estimator gives that crop at the thickness the runner is told.
     */
    @Test
    void theEstimateUsesTheSampleSliceThickness() throws Exception {
        assertEquals(5.0, thickness[0], 0.0);
        double expected = NoiseCalibration.forModel("default").estimator(5.0)
                .profileSeries(List.of(slice.low()), true)[0].sigmaHu();
        assertEquals(expected, run.sigmaHu()[0], 0.0);
        // The same crop said to be 1 mm: the floor is σ_ref·√5 and the level follows it (no grid rows needed).
        double thin = NoiseCalibration.forModel("default").estimator(1.0).profileSeries(List.of(slice.low()), true)[0]
                .sigmaHu();
        assertNotEquals(expected, thin);
        try (PriorModels.Opened prior = PriorModels.open("default", Device.cpu());
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BenchRunner runner = new BenchRunner(prior.denoiser(), manager, NoiseCalibration.forModel("default"),
                    false);
            assertEquals(thin, runner.run(List.of(slice), new double[] {1.0}, List.of()).sigmaHu()[0], 0.0);
        }
    }

    @Test
    void rowsAreInputBaselinesThenGrid() {
        assertEquals(3 + rows.size(), run.results().size());
        assertEquals(List.of("input", "gaussian", "tv"), run.results().subList(0, 3).stream()
                .map(BenchResult::method).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals("ddlm", result(i).method());
            assertEquals(N, result(i).steps());
        }
        assertTrue(run.sigmaHu()[0] > 5 && run.sigmaHu()[0] < 200, "sigma " + run.sigmaHu()[0]);
    }

    @Test
    void evaluationCountsMatchClosedForms() {
        // DPM-Solver++(2M) and DDIM: one forward per step.
        assertCost(result(0), N, 0);
        assertCost(result(1), N, 0);
        // Heun: two per step, one on the final (Euler) step into data.
        assertCost(result(2), 2 * N - 1, 0);
        // Strang with Heun substeps: 2N+1 network gradients (2 for the first half, 2 per merged substep, 1 for the
        // last, whose end point is data), each a forward and a VJP, plus Heun's 2N-1 forwards.
        assertCost(result(3), (2 * N - 1) + (2 * N + 1), 2 * N + 1);
        // Euler-guided: every evaluation is a forward and a VJP.
        assertCost(result(4), N, N);
    }

    private static void assertCost(BenchResult r, int forwards, int vjps) {
        assertEquals(forwards, r.forwards(), 0.0, r.family());
        assertEquals(vjps, r.vjps(), 0.0, r.family());
        assertEquals(forwards + vjps, r.nfe(), 0.0, r.family());
        assertEquals(forwards + 2 * vjps, r.costUnits(), 0.0, r.family());
        assertTrue(r.secondsPerSlice() > 0, r.family());
    }

    @Test
    void metricsMatchAnIndependentComputationOnTheOutput() throws Exception {
        for (int i = 0; i < rows.size(); i++) {
            float[] out = OUTPUTS.get(rows.get(i).key());
            Score s = result(i).score();
            assertEquals(psnr(out, 400, 50), s.psnrAbdomen(), 1e-9, rows.get(i).family());
            assertEquals(psnr(out, 2000, 0), s.psnrWide(), 1e-9, rows.get(i).family());
            Padding.Pair p = Padding.apply(new HuImage(CROP, CROP, out, slice.low().padding()),
                    new HuImage(CROP, CROP, slice.reference().hu()));
            assertEquals(PairMeasure.measure(p.test(), p.reference(), Window.ABDOMEN, null).ssim(), s.ssimAbdomen(),
                    1e-12);
            assertEquals(PairMeasure.measure(p.test(), p.reference(), Window.WIDE, null).ssim(), s.ssimWide(), 1e-12);
        }
        assertEquals(psnr(slice.low().hu(), 400, 50), run.results().get(0).score().psnrAbdomen(), 1e-9);
    }

    @Test
    void baselinesAreTheArgmaxOfTheirSweeps() {
        assertBest(run.results().get(1), run.gaussianSweep(), GaussianFilter.SWEEP_PX, "s=%s px");
        assertBest(run.results().get(2), run.tvSweep(), TvDenoiser.SWEEP_LAMBDA, "lambda=%s");
        // The chosen Gaussian row, recomputed from scratch.
        double s = Double.parseDouble(run.results().get(1).parameter().replaceAll("[^0-9.]", ""));
        assertEquals(psnr(GaussianFilter.apply(slice.low().hu(), CROP, CROP, s), 400, 50),
                run.results().get(1).score().psnrAbdomen(), 1e-9);
    }

    private static void assertBest(BenchResult chosen, List<Baselines.SweepPoint> sweep, double[] params,
                                   String label) {
        assertEquals(params.length, sweep.size());
        Baselines.SweepPoint argmax = sweep.get(0);
        for (int i = 0; i < params.length; i++) {
            assertEquals(params[i], sweep.get(i).parameter());
            if (sweep.get(i).score().psnrAbdomen() > argmax.score().psnrAbdomen()) {
                argmax = sweep.get(i);
            }
        }
        assertEquals(String.format(java.util.Locale.ROOT, label, argmax.parameter()), chosen.parameter());
        assertEquals(argmax.score(), chosen.score());
    }

    /** metrics.md sections 1-3: clip both images to the window; PSNR, data range W, all pixels (padding -1024). */
    private static double psnr(float[] test, double width, double level) {
        double lo = level - width / 2;
        double hi = level + width / 2;
        double sum = 0;
        for (int i = 0; i < test.length; i++) {
            boolean pad = slice.low().isPadding(i);
            double t = Math.min(Math.max(pad ? -1024 : test[i], lo), hi);
            double r = Math.min(Math.max(pad ? -1024 : slice.reference().hu()[i], lo), hi);
            sum += (t - r) * (t - r);
        }
        return 10 * Math.log10(width * width / (sum / test.length));
    }
}
