package org.ddlm.plugin.bench;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.ddlm.core.Progress;
import org.ddlm.diffusion.ddlm.CostCounter;
import org.ddlm.diffusion.ddlm.DdlmDenoiser;
import org.ddlm.diffusion.ddlm.DdlmInput;
import org.ddlm.diffusion.ddlm.DdlmOutput;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.NoiseProfile;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.sampler.DdimSampler;
import org.ddlm.validation.baseline.GaussianFilter;
import org.ddlm.validation.baseline.TvDenoiser;

/**
 * Runs a grid on one sample: the low-dose input, both baselines at the best parameter of their sweeps, and every
 * DDLM row, one slice at a time (batch 1, so seconds per slice are what one slice costs), after an untimed
 * warm-up of the network.
 */
public final class BenchRunner {

    /** Receives every DDLM output (tests re-measure it; nothing is kept otherwise). */
    @FunctionalInterface
    public interface OutputSink {
        OutputSink NONE = (row, slice, hu) -> { };

        void accept(GridRow row, BenchSlice slice, float[] hu);
    }

    /** What one sample produced: the result rows and the two baseline sweeps they were chosen from. */
    public record SampleRun(List<BenchResult> results, List<Baselines.SweepPoint> gaussianSweep,
                            List<Baselines.SweepPoint> tvSweep, double[] sigmaHu) {
    }

    private final Denoiser denoiser;
    private final NDManager manager;
    private final NoiseCalibration calibration;
    private final boolean oracleSigma;
    private Progress progress = Progress.NONE;
    private Consumer<BenchResult> results = r -> { };
    private OutputSink sink = OutputSink.NONE;
    private final Set<String> warmedSizes = new HashSet<>();

    /**
     * @param calibration the prior's noise estimate: σ_n per slice from the low-dose image (unless oracleSigma)
     * @param oracleSigma use std(LD − ND) over the body instead (ablation)
     */
    public BenchRunner(Denoiser denoiser, NDManager manager, NoiseCalibration calibration, boolean oracleSigma) {
        this.denoiser = denoiser;
        this.manager = manager;
        this.calibration = calibration;
        this.oracleSigma = oracleSigma;
    }

    /** Told (rows done, rows of the sample) after each row, just after {@link #results}; polled before each row. */
    public BenchRunner progress(Progress value) {
        progress = value == null ? Progress.NONE : value;
        return this;
    }

    /** Receives each finished row (to print it, or save partial results), before the progress is told. */
    public BenchRunner results(Consumer<BenchResult> value) {
        results = value == null ? r -> { } : value;
        return this;
    }

    public BenchRunner sink(OutputSink value) {
        sink = value == null ? OutputSink.NONE : value;
        return this;
    }

    /**
     * @param thicknessMm each slice's thickness (mm, NaN: unknown), for the estimate's normal-dose floor
     */
    public SampleRun run(List<BenchSlice> slices, double[] thicknessMm, List<GridRow> grid) throws BenchException {
        if (slices.isEmpty()) {
            throw new BenchException("no slices to benchmark");
        }
        if (thicknessMm.length != slices.size()) {
            throw new IllegalArgumentException(thicknessMm.length + " thicknesses for " + slices.size() + " slices");
        }
        String sample = slices.get(0).sample();
        int total = grid.size() + 3;
        List<BenchResult> out = new ArrayList<>();
        List<Score> input = new ArrayList<>();
        for (BenchSlice s : slices) {
            input.add(Score.of(s.low().hu(), s));
        }
        out.add(classical(sample, "input", "", slices.size(), 0.0, Score.mean(input)));
        finished(out.get(0), 1, total);

        List<Baselines.SweepPoint> gauss = Baselines.sweep(Baselines.GAUSSIAN, GaussianFilter.SWEEP_PX, slices);
        out.add(best(sample, Baselines.GAUSSIAN, gauss, slices.size()));
        finished(out.get(1), 2, total);
        List<Baselines.SweepPoint> tv = Baselines.sweep(Baselines.TV, TvDenoiser.SWEEP_LAMBDA, slices);
        out.add(best(sample, Baselines.TV, tv, slices.size()));
        finished(out.get(2), 3, total);

        double[] sigma = noiseLevels(slices, thicknessMm);
        warmUp(slices.get(0), sigma[0]);
        int done = 3;
        for (GridRow row : grid) {
            progress.stopIfCancelled("benchmark after " + done + " of " + total + " rows");
            out.add(ddlm(row, slices, sigma));
            finished(out.get(out.size() - 1), ++done, total);
        }
        return new SampleRun(List.copyOf(out), gauss, tv, sigma);
    }

    private void finished(BenchResult row, int done, int total) {
        results.accept(row);
        progress.update(done, total);
    }

    /** σ_n per slice as {@code ddlm denoise} takes it (estimate with the ±2-slice median), or the oracle. */
    private double[] noiseLevels(List<BenchSlice> slices, double[] thicknessMm) {
        if (oracleSigma) {
            return slices.stream().mapToDouble(OracleSigma::of).toArray();
        }
        return Arrays.stream(NoiseLevelEstimator.profileSeries(slices.stream().map(BenchSlice::low).toList(),
                k -> calibration.estimator(thicknessMm[k]), true)).mapToDouble(NoiseProfile::sigmaHu).toArray();
    }

    /**
     * Two untimed evaluations per image size: TorchScript's profiling executor makes the first calls of a model
     * (and of each new input shape) much slower, which would otherwise be charged to the first row.
     */
    private void warmUp(BenchSlice s, double sigma) {
        if (!warmedSizes.add(s.low().width() + "x" + s.low().height())) {
            return;
        }
        GridRow probe = Grid.plain(new DdimSampler(0), 2, DdlmSettings.Mode.NONE, null);
        new DdlmDenoiser(denoiser, probe.settings(), null, manager).denoise(List.of(new DdlmInput(
                s.low(), s.sample(), s.index(), sigma)), null);
    }

    private BenchResult ddlm(GridRow row, List<BenchSlice> slices, double[] sigma) throws BenchException {
        DdlmDenoiser ddlm = new DdlmDenoiser(denoiser, row.settings(), null, manager);
        List<Score> scores = new ArrayList<>();
        long nanos = 0;
        for (int i = 0; i < slices.size(); i++) {
            BenchSlice s = slices.get(i);
            DdlmInput in = new DdlmInput(s.low(), s.sample(),
                    s.index(), sigma[i]);
            long t0 = System.nanoTime();
            DdlmOutput result = ddlm.denoise(List.of(in), null).get(0);
            nanos += System.nanoTime() - t0;
            sink.accept(row, s, result.hu());
            scores.add(Score.of(result.hu(), s));
        }
        int n = slices.size();
        CostCounter c = ddlm.cost();
        // The counter counts batched passes; each of a slice's K·F elements took every one of them.
        double perSlice = (double) row.settings().elementsPerSlice() / n;
        String role = row.role() == GridRow.Role.PLAIN ? "" : row.role().name().toLowerCase(java.util.Locale.ROOT);
        return new BenchResult(slices.get(0).sample(), "ddlm", row.family(), role, row.sampler(), row.settings().steps(),
                row.conditioning(), "", n, (c.forwards() + c.vjps()) * perSlice, c.forwards() * perSlice,
                c.vjps() * perSlice, c.units() * perSlice, nanos / 1e9 / n, Score.mean(scores));
    }

    private static BenchResult best(String sample, Baselines.Filter f, List<Baselines.SweepPoint> sweep, int n) {
        Baselines.SweepPoint b = Baselines.best(sweep);
        return new BenchResult(sample, f.method(), f.method(), "", "", 0, "", f.parameterLabel(b.parameter()), n, 0,
                0, 0, 0, b.secondsPerSlice(), b.score());
    }

    private static BenchResult classical(String sample, String method, String parameter, int n, double seconds,
                                         Score score) {
        return new BenchResult(sample, method, method, "", "", 0, "", parameter, n, 0, 0, 0, 0, seconds, score);
    }
}
