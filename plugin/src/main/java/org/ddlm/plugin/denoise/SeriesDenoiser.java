package org.ddlm.plugin.denoise;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.ddlm.diffusion.ddlm.CostCounter;
import org.ddlm.diffusion.ddlm.DdlmDenoiser;
import org.ddlm.diffusion.ddlm.DdlmInput;
import org.ddlm.diffusion.ddlm.DdlmOutput;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.HuSlice;
import org.ddlm.diffusion.ddlm.NoiseCalibration;
import org.ddlm.diffusion.ddlm.NoiseLevelEstimator;
import org.ddlm.diffusion.ddlm.TimeMatch;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.diffusion.sampler.Cancellation;
import org.ddlm.diffusion.sampler.Progress;

/**
 * Denoises a stack of HU slices with a prior, in batches, streaming: slices are pulled from the source and pushed to
 * the sink as each batch finishes. At most one batch of slices is held; the per-slice noise estimate (with its
 * median over slices ±2 along z) is made first in a pass that keeps only one number per slice.
 */
public final class SeriesDenoiser implements AutoCloseable {

    /** Where slices come from, in stack order; padding pixels already filled (HuImage.filledCopy(-1024f)). */
    public interface SliceSource {
        int size();

        HuSlice slice(int index) throws Exception;

        /** Names the series in the random streams (algorithms.md §8): the same UID and seed give the same noise. */
        default String seriesUid() {
            return "";
        }
    }

    /** Receives each denoised slice once, in stack order. */
    public interface SliceSink {
        void accept(int index, float[] hu, double sigmaNHu, TimeMatch match) throws Exception;
    }

    /**
     * @param meanSigmaNHu       mean over slices of the noise level used
     * @param unchanged          slices returned as they were (noise below the prior's range)
     * @param seconds            wall time of the run, estimate pass included
     * @param networkEvaluations network passes (forwards and VJPs) summed over slices and ensemble members
     */
    public record Summary(int slices, double meanSigmaNHu, int unchanged, double seconds, long networkEvaluations) {
        public double secondsPerSlice() {
            return slices == 0 ? Double.NaN : seconds / slices;
        }

        public double evaluationsPerSlice() {
            return slices == 0 ? Double.NaN : (double) networkEvaluations / slices;
        }
    }

    /** A source or sink failed; the cause is its own exception (e.g. a DICOM read or write error). */
    public static final class SliceTransferException extends ModelException {
        private static final long serialVersionUID = 1L;

        SliceTransferException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PriorModels.Opened prior;
    private final NoiseCalibration calibration;
    private final DdlmSettings settings;
    private final NDManager manager;

    private SeriesDenoiser(PriorModels.Opened prior, NoiseCalibration calibration, DdlmSettings settings,
                           NDManager manager) {
        this.prior = prior;
        this.calibration = calibration;
        this.settings = settings;
        this.manager = manager;
    }

    /** Opens the prior ({@code default} or a model folder) on {@code device}, with its noise calibration. */
    public static SeriesDenoiser open(String model, DdlmSettings settings, Device device) throws ModelException {
        NoiseCalibration calibration = NoiseCalibration.forModel(model);
        PriorModels.Opened prior = PriorModels.open(model, device);
        try {
            return new SeriesDenoiser(prior, calibration, settings, NDManager.newBaseManager(device));
        } catch (RuntimeException e) {
            prior.close();
            throw e;
        }
    }

    public String modelId() {
        return prior.id();
    }

    public DdlmSettings settings() {
        return settings;
    }

    public NoiseCalibration calibration() {
        return calibration;
    }

    /** One line for DerivationDescription and reports. */
    public String describeSettings() {
        return SettingsText.describe(prior.id(), settings, calibration);
    }

    /**
     * @param batchSize slices sampled together (each with its ensemble members); memory grows with it
     * @param sigmaNHu  the noise level of every slice (HU), or null to estimate it per slice (median over ±2 slices)
     * @param progress  told (slices done, total) after each batch; may be null
     * @param cancel    polled between batches and sampler steps; may be null
     * @throws CancellationException when {@code cancel} answers true (between batches or sampler steps)
     */
    public Summary run(SliceSource source, SliceSink sink, int batchSize, Double sigmaNHu, Progress progress,
                       Cancellation cancel) throws ModelException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (sigmaNHu != null && !(sigmaNHu >= 0.0 && Double.isFinite(sigmaNHu))) {
            throw new IllegalArgumentException("the noise level must be finite and >= 0 HU, got " + sigmaNHu);
        }
        Progress report = progress == null ? Progress.NONE : progress;
        Cancellation stop = cancel == null ? Cancellation.NEVER : cancel;
        long start = System.nanoTime();
        int n = source.size();
        double[] sigma = sigmaNHu != null ? constant(n, sigmaNHu) : estimate(source);
        DdlmDenoiser denoiser = new DdlmDenoiser(prior.denoiser(), settings, null, manager);
        CostCounter cost = denoiser.cost();
        double sigmaSum = 0;
        int unchanged = 0;
        long evaluations = 0;
        for (int first = 0; first < n; first += batchSize) {
            if (stop.isCancelled()) {
                throw new CancellationException("denoising cancelled after " + first + " of " + n + " slices");
            }
            int end = Math.min(n, first + batchSize);
            List<DdlmInput> batch = new ArrayList<>(end - first);
            for (int i = first; i < end; i++) {
                batch.add(new DdlmInput(pull(source, i), source.seriesUid(), i, sigma[i]));
            }
            long before = cost.forwards() + cost.vjps();
            List<DdlmOutput> outputs = denoiser.denoise(batch, batchSize, null, stop);
            int sampled = 0;
            for (int j = 0; j < outputs.size(); j++) {
                DdlmOutput out = outputs.get(j);
                push(sink, first + j, out);
                sigmaSum += out.sigmaNHu();
                if (out.unchanged()) {
                    unchanged++;
                } else {
                    sampled++;
                }
            }
            // The counter counts batched passes; every sampled element of the batch took each of them.
            evaluations += (cost.forwards() + cost.vjps() - before) * sampled * settings.elementsPerSlice();
            report.update(end, n);
        }
        return new Summary(n, n == 0 ? Double.NaN : sigmaSum / n, unchanged, (System.nanoTime() - start) / 1e9,
                evaluations);
    }

    /** σ̂_n per slice from one pass over the source, with the z-median of algorithms.md §6.2 item 5. */
    private double[] estimate(SliceSource source) throws ModelException {
        NoiseLevelEstimator estimator = calibration.estimator();
        try {
            return estimator.estimateSeries(new LazySlices(source), true);
        } catch (LazySlices.Failure f) {
            throw new SliceTransferException(f.getMessage(), f.getCause());
        }
    }

    private static HuSlice pull(SliceSource source, int index) throws ModelException {
        try {
            return source.slice(index);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SliceTransferException("cannot read slice " + (index + 1) + ": " + e.getMessage(), e);
        }
    }

    private static void push(SliceSink sink, int index, DdlmOutput out) throws ModelException {
        try {
            sink.accept(index, out.hu(), out.sigmaNHu(), out.match());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SliceTransferException("cannot store slice " + (index + 1) + ": " + e.getMessage(), e);
        }
    }

    private static double[] constant(int n, double value) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    @Override
    public void close() {
        manager.close();
        prior.close();
    }

    /**
     * The source as a list that decodes each slice when asked: the estimator reads every slice once, in order,
     * so only one is in memory at a time.
     */
    private static final class LazySlices extends AbstractList<HuSlice> {
        /** Carries a source's checked exception through the List interface. */
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Failure(String message, Throwable cause) {
                super(message, cause);
            }
        }

        private final SliceSource source;

        LazySlices(SliceSource source) {
            this.source = source;
        }

        @Override
        public HuSlice get(int index) {
            try {
                return source.slice(index);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new Failure(String.format(Locale.ROOT, "cannot read slice %d for the noise estimate: %s",
                        index + 1, e.getMessage()), e);
            }
        }

        @Override
        public int size() {
            return source.size();
        }
    }
}
