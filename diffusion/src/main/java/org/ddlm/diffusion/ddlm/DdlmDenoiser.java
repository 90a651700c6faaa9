package org.ddlm.diffusion.ddlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.sampler.ElementNoise;
import org.ddlm.diffusion.model.GaussianStream;
import org.ddlm.diffusion.sampler.SamplingDriver;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.Spacings;
import org.ddlm.diffusion.schedule.TimeGrid;

/**
 * The DDLM driver (algorithms.md §6.7): HU slices in, denoised HU slices out. Per slice: σ_n (given or
 * estimated), t*, the noise-aware start, conditioned reverse sampling on its own grid (N shared), and
 * the mean over K ensemble members, each sampled in F mirror views (mirrored in, mirrored back, averaged: the
 * network is not exactly mirror-equivariant, so its errors partly cancel). The slices of one call are one batch along
 * B (K·F elements per slice); every element draws from its own (seed, series UID, slice index, member) stream,
 * so outputs do not depend on batch size or composition. Padding pixels are −1024 HU while working and get their source
 * values back; images are reflected up to the model's size multiple and cropped back.
 */
public final class DdlmDenoiser {

    private final Denoiser denoiser;
    private final DdlmSettings settings;
    private final NoiseLevelEstimator estimator;
    private final NDManager parent;
    private final CostCounter cost = new CostCounter();

    /**
     * @param estimator σ_n for inputs that do not give it (may be null if all do)
     * @param parent    manager (and so device) the working arrays live under; not closed here
     */
    public DdlmDenoiser(Denoiser denoiser, DdlmSettings settings, NoiseLevelEstimator estimator, NDManager parent) {
        this.denoiser = denoiser;
        this.settings = settings;
        this.estimator = estimator;
        this.parent = parent;
    }

    public DdlmSettings settings() {
        return settings;
    }

    /** Model work so far: sampler evaluations as forwards, plus guidance forwards and VJPs. */
    public CostCounter cost() {
        return cost;
    }

    /**
     * Denoises {@code inputs} as one batch (slices of another image size than the first go in a batch of their own);
     * forming batches from a series is {@link SeriesDenoiser}'s job.
     *
     * @param progress told (slices done, slices sampled) after each batch, polled between batches and sampler steps;
     *                 may be null
     * @throws CancellationException when cancelled (between sampler steps or batches)
     */
    public List<DdlmOutput> denoise(List<DdlmInput> inputs, Progress progress) {
        Progress report = progress == null ? Progress.NONE : progress;
        List<Integer> pending = new ArrayList<>();
        DdlmOutput[] results = new DdlmOutput[inputs.size()];
        TimeMatch[] matches = new TimeMatch[inputs.size()];
        double[] sigmaHu = new double[inputs.size()];
        IntensityMapping mapping = denoiser.intensity();
        for (int k = 0; k < inputs.size(); k++) {
            DdlmInput in = inputs.get(k);
            if (Double.isNaN(in.sigmaNHu()) && estimator == null) {
                throw new IllegalArgumentException("slice " + in.sliceIndex() + " has no noise level and no estimator was given");
            }
            sigmaHu[k] = Double.isNaN(in.sigmaNHu()) ? estimator.estimate(in.slice()) : in.sigmaNHu();
            double factor = Double.isNaN(in.timeFactor()) ? settings.timeFactor() : in.timeFactor();
            matches[k] = NoiseAwareStart.match(denoiser.schedule(), mapping.noiseToModel(sigmaHu[k]), factor,
                    settings.whitening());
            if (matches[k].belowRange()) {
                results[k] = new DdlmOutput(in.slice().hu().clone(), sigmaHu[k], matches[k], true);
            } else {
                pending.add(k);
            }
        }
        // The driver polls the same progress for cancellation; its per-step counts are not slices, so not shown.
        Progress cancelOnly = Progress.of(Progress.NONE, report::isCancelled);
        int done = 0;
        int k = 0;
        while (k < pending.size()) {
            if (report.isCancelled()) {
                throw new CancellationException("DDLM cancelled after " + done + " of " + pending.size() + " slices");
            }
            // The slices of one image size, in input order, are sampled together.
            HuImage first = inputs.get(pending.get(k)).slice();
            List<Integer> group = new ArrayList<>();
            while (k < pending.size()) {
                HuImage s = inputs.get(pending.get(k)).slice();
                if (s.width() != first.width() || s.height() != first.height()) {
                    break;
                }
                group.add(pending.get(k++));
            }
            List<float[][]> denoised = runBatch(inputs, group, sigmaHu, matches, cancelOnly);
            for (int j = 0; j < group.size(); j++) {
                int idx = group.get(j);
                results[idx] = new DdlmOutput(denoised.get(j)[0], sigmaHu[idx], matches[idx], false,
                        denoised.get(j)[1]);
            }
            done += group.size();
            report.update(done, pending.size());
        }
        return List.of(results);
    }

    /** Per slice of the batch: {mean over its elements, their per-pixel std}, both in HU. */
    private List<float[][]> runBatch(List<DdlmInput> inputs, List<Integer> batch, double[] sigmaHu,
                                   TimeMatch[] matches, Progress cancel) {
        HuImage first = inputs.get(batch.get(0)).slice();
        int w = first.width();
        int h = first.height();
        int multiple = denoiser.sizeMultiple();
        int pw = roundUp(w, multiple);
        int ph = roundUp(h, multiple);
        int members = settings.ensemble();
        int views = settings.flips();
        int perSlice = settings.elementsPerSlice();
        int elements = batch.size() * perSlice;
        int pixels = pw * ph;
        IntensityMapping mapping = denoiser.intensity();
        Schedule schedule = denoiser.schedule();

        double[] yValues = new double[elements * pixels];
        double[] sigmaN = new double[elements];
        double[] alpha = new double[elements];
        List<double[]> rows = new ArrayList<>(elements);
        List<GaussianStream> streams = new ArrayList<>(elements);
        for (int j = 0; j < batch.size(); j++) {
            int idx = batch.get(j);
            DdlmInput in = inputs.get(idx);
            double[] grid = grid(schedule, matches[idx].time());
            for (int v = 0; v < views; v++) {
                // Each view is denoised as if it were the input: mirrored before padding up to pw×ph.
                double[] view = workingImage(Mirror.apply(in.slice(), v), pw, ph, mapping);
                for (int m = 0; m < members; m++) {
                    int e = j * perSlice + v * members + m;
                    System.arraycopy(view, 0, yValues, e * pixels, pixels);
                    sigmaN[e] = mapping.noiseToModel(sigmaHu[idx]);
                    alpha[e] = schedule.alpha(matches[idx].time());
                    rows.add(grid);
                    // View 0 keeps the member's stream, so flips = 1 gives the pixels it always gave.
                    SplittableRandom r = SliceStreams.member(settings.seed(), in.seriesUid(), in.sliceIndex(),
                            v * members + m);
                    streams.add(new GaussianStream(r));
                }
            }
        }
        TimeGrid timeGrid = TimeGrid.perElement(rows, true);
        List<float[][]> outputs = new ArrayList<>(batch.size());
        try (NDManager manager = parent.newSubManager()) {
            Shape shape = new Shape(elements, 1, ph, pw);
            NDArray y = manager.create(yValues, shape).toType(settings.dataType(), false);
            NDArray xi = null;
            if (settings.whitening() > 0.0) {
                // Whitening noise is the first draw of every element's stream (algorithms.md §8).
                double[] z = new double[elements * pixels];
                for (int e = 0; e < elements; e++) {
                    streams.get(e).fill(z, e * pixels, pixels);
                }
                xi = manager.create(z, shape).toType(settings.dataType(), false);
            }
            NDArray start = NoiseAwareStart.start(y, alpha, sigmaN, settings.whitening(), xi);
            SamplingDriver driver = new SamplingDriver(settings.sampler())
                    .noise(new ElementNoise(streams))
                    .progress(cancel);
            Denoiser model = configure(driver, y, sigmaN);
            NDArray result = driver.run(model, start, timeGrid);
            if (!(model instanceof GuidedDenoiser)) {
                // Guided evaluations are counted (forward + VJP) where they are made.
                cost.forwards(driver.lastEvaluations());
            }
            double[] values = result.toType(DataType.FLOAT64, false).toDoubleArray();
            for (int j = 0; j < batch.size(); j++) {
                HuImage src = inputs.get(batch.get(j)).slice();
                double[] sum = new double[w * h];
                double[] sumSq = new double[w * h];
                for (int v = 0; v < views; v++) {
                    for (int m = 0; m < members; m++) {
                        int e = j * perSlice + v * members + m;
                        double[] back = Mirror.apply(crop(values, e * pixels, pw, w, h), 0, w, h, v);
                        for (int i = 0; i < w * h; i++) {
                            sum[i] += back[i];
                            sumSq[i] += back[i] * back[i];
                        }
                    }
                }
                float[] hu = new float[w * h];
                float[] spread = new float[w * h];
                // HU per model unit: the mapping is affine, so a std scales by its slope.
                double slope = mapping.toImage(1.0) - mapping.toImage(0.0);
                for (int i = 0; i < w * h; i++) {
                    double mean = sum[i] / perSlice;
                    hu[i] = src.isPadding(i) ? src.hu()[i] : (float) mapping.toImage(mean);
                    double var = perSlice > 1 ? Math.max(sumSq[i] / perSlice - mean * mean, 0.0) : 0.0;
                    spread[i] = src.isPadding(i) ? 0f : (float) (Math.abs(slope) * Math.sqrt(var));
                }
                outputs.add(new float[][] {hu, spread});
            }
        }
        return outputs;
    }

    /** Sets the hook / splitting of the conditioning mode; returns the model the sampler should call. */
    private Denoiser configure(SamplingDriver driver, NDArray y, double[] sigmaN) {
        Denoiser bounded = this.denoiser.withPassLimit((long) settings.tile() * settings.tile());
        Denoiser denoiser = settings.elementwise() ? new ElementwiseDenoiser(bounded) : bounded;
        switch (settings.mode()) {
            case NONE -> {
                return denoiser;
            }
            case BLEND -> {
                driver.hook(BlendHook.map(new DataTerm(y, sigmaN), settings.zeta()));
                return denoiser;
            }
            case GUIDANCE_X0 -> {
                driver.hook(new X0GuidanceHook(new DataTerm(y, sigmaN), settings.gamma()));
                return denoiser;
            }
            case GUIDANCE_NETWORK -> {
                DataTerm term = new DataTerm(y, sigmaN);
                if (settings.splitting() == null) {
                    return new GuidedDenoiser(denoiser, term, settings.gamma(), cost);
                }
                driver.around(new Splitting(settings.splitting(), settings.substep(), settings.gamma(),
                        ConditionFields.network(denoiser, term, cost)));
                return denoiser;
            }
            default -> throw new IllegalStateException("unknown mode " + settings.mode());
        }
    }

    private double[] grid(Schedule schedule, double start) {
        return samplingGrid(schedule, settings.spacing(), start, settings.steps());
    }

    /**
     * Start level σ̄* = σ̄(t*) (model units: 0.06 is 60 HU on the CT mapping) from which the grid leaves out the least
     * noisy level u = 0 ({@link #samplingGrid}).
     */
    public static final double OPEN_GRID_FROM_SIGMA_BAR = 0.06;

    /**
     * The N grid times of a DDLM run, followed by the data point. From a low start they are the spacing's N points
     * from t* to the least noisy level u = 0 (σ̄ 0.0065 on the cosine schedule, about 6.5 HU). From a start of
     * σ̄* ≥ {@value #OPEN_GRID_FROM_SIGMA_BAR} the grid is open: the first N of the spacing's N + 1 points, so the
     * last step jumps to data from one spacing step above u = 0. With N = 2 the closed grid is one long step
     * t* → u = 0 and a near-identity at u = 0; from high starts that first step is too long, and t* → the
     * λ-midpoint → data lost no more than 0.02 dB and gained up to 0.42 dB on the texture bench cases started above
     * 60 HU, while below about 40 HU it lost as often as it gained (MODEL_CARD.md). N = 1 is the jump from t* to data either way.
     */
    static double[] samplingGrid(Schedule schedule, DdlmSettings.Spacing spacing, double start, int steps) {
        double end = schedule.minTime();
        if (steps == 1 || !(start > end)) {
            // One step, or t* at the least noisy level itself: straight to data.
            return new double[] {start};
        }
        boolean open = schedule.sigmaBar(start) >= OPEN_GRID_FROM_SIGMA_BAR;
        int points = open ? steps + 1 : steps;
        double[] grid = switch (spacing) {
            case LAMBDA_UNIFORM -> Spacings.lambdaUniform(schedule, start, end, points);
            case UNIFORM -> Spacings.uniform(start, end, points);
            case KARRAS -> Spacings.karras(schedule, start, end, points, Spacings.KARRAS_RHO);
        };
        return Arrays.copyOf(grid, steps);
    }

    /** Model-unit image: padding → −1024 HU, then reflected (without repeating the edge) up to pw×ph. */
    static double[] workingImage(HuImage slice, int pw, int ph, IntensityMapping mapping) {
        int w = slice.width();
        int h = slice.height();
        if (pw - w >= w || ph - h >= h) {
            throw new IllegalArgumentException("a " + w + "x" + h + " slice is too small to reflect up to " + pw + "x" + ph);
        }
        double[] out = new double[pw * ph];
        for (int y = 0; y < ph; y++) {
            int sy = y < h ? y : 2 * h - 2 - y;
            for (int x = 0; x < pw; x++) {
                int sx = x < w ? x : 2 * w - 2 - x;
                int i = sy * w + sx;
                double hu = slice.isPadding(i) ? HuImage.PADDING_FILL_HU : slice.hu()[i];
                out[y * pw + x] = mapping.toModel(hu);
            }
        }
        return out;
    }

    /** The top-left w×h of the pw-wide image stored at {@code offset}. */
    private static double[] crop(double[] values, int offset, int pw, int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(values, offset + y * pw, out, y * w, w);
        }
        return out;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
