package org.ddlm.diffusion.ddlm;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.net.PriorModels;

/**
 * Denoises a stack of HU slices with a prior, streaming: slices are pulled from the source in batches (the one place
 * batches are formed; {@link DdlmDenoiser} samples each as given) and pushed to the sink as each batch finishes. At
 * most one batch of slices is held; the per-slice noise estimate (with its median over slices ±2 along z) is made
 * first in a pass that keeps only one number per slice. Reading and writing the slices (DICOM) is the caller's.
 */
public final class SeriesDenoiser implements AutoCloseable {

    /** Where slices come from, in stack order; padding pixels already filled with {@link HuImage#PADDING_FILL_HU}. */
    public interface SliceSource {
        int size();

        HuImage slice(int index) throws Exception;

        /** Names the series in the random streams (algorithms.md §8): the same UID and seed give the same noise. */
        default String seriesUid() {
            return "";
        }

        /**
         * The thickness (mm) of slice {@code index}, which the prior's normal-dose floor is scaled to; NaN when
         * unknown.
         */
        default double sliceThicknessMm(int index) {
            return Double.NaN;
        }
    }

    /** Receives each denoised slice once, in stack order. */
    public interface SliceSink {
        void accept(int index, float[] hu, SliceRecord record) throws Exception;
    }

    /**
     * What was done to one slice, for its own provenance.
     *
     * @param profile    the noise measured on the input (level, total, HH, sharpness)
     * @param sigmaGiven the level was given by the user, not measured
     * @param outcome    the checked result (level, c_t and t* used, check, attempts, flag)
     * @param sharpNoise the sampling this slice took instead of the run's because its noise is sharp
     *                   ({@link SamplingByTexture}), or null when it took the run's settings
     * @param floorHu    the normal-dose noise taken off this slice's total (HU), NaN when nothing was measured
     * @param floorCapped the floor was the cap total/√2, not the prior's level ({@link NormalDoseFloor#capped}): the
     *                    level is uncertain, the protocol's own normal-dose noise would settle it
     */
    public record SliceRecord(NoiseProfile profile, boolean sigmaGiven, CheckedDenoiser.Checked outcome,
                              DdlmSettings sharpNoise, double floorHu, boolean floorCapped) {
        public double sigmaNHu() {
            return outcome.sigmaNHu();
        }

        public TimeMatch match() {
            return outcome.match();
        }

        public boolean flagged() {
            return outcome.flagged();
        }

        /** One line for the slice's ImageComments / DerivationDescription. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "sigma_n %.1f HU (%s", outcome.sigmaNHu(),
                    sigmaGiven ? "given" : "estimated"));
            if (profile.measured()) {
                String sharpness = Double.isNaN(profile.sharpness()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", profile.sharpness());
                b.append(String.format(Locale.ROOT, "; total %.1f HU less normal-dose %.1f HU%s, HH %.1f HU, "
                        + "sharpness %s", profile.totalHu(), floorHu, floorCapped ? " (capped, level uncertain)" : "",
                        profile.hhHu(), sharpness));
            }
            b.append(")");
            if (outcome.unchanged()) {
                return b.append("; below the prior's range: unchanged").toString();
            }
            b.append(String.format(Locale.ROOT, "; c_t %.2f; start u* %.2f; attempts %d", outcome.timeFactor(),
                    outcome.match().time(), outcome.attempts()));
            if (sharpNoise != null) {
                b.append("; sharp noise: ").append(SettingsText.sampling(sharpNoise));
            }
            if (outcome.verdict() != null) {
                b.append("; check ").append(outcome.verdict().describe());
            }
            if (outcome.flagged()) {
                b.append("; FLAGGED: denoising failed the safety check twice, the input is kept unchanged");
            }
            return b.toString();
        }
    }

    /**
     * @param meanSigmaNHu       mean over slices of the noise level used
     * @param unchanged          slices returned as they were (noise below the prior's range)
     * @param seconds            wall time of the run, estimate pass included
     * @param networkEvaluations network passes (forwards and VJPs) summed over slices and ensemble members
     * @param flagged            1-based slice numbers that failed the safety check twice and were kept as input
     * @param retried            slices denoised a second time from a lower start
     * @param floorCapped        1-based slice numbers whose normal-dose floor was capped (level uncertain)
     */
    public record Summary(int slices, double meanSigmaNHu, int unchanged, double seconds, long networkEvaluations,
                          List<Integer> flagged, int retried, List<Integer> floorCapped) {
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
    private final NormalDoseFloor floor;
    private final DdlmSettings settings;
    private final NDManager manager;

    private SeriesDenoiser(PriorModels.Opened prior, NoiseCalibration calibration, NormalDoseFloor floor,
                           DdlmSettings settings, NDManager manager) {
        this.prior = prior;
        this.calibration = calibration;
        this.floor = floor;
        this.settings = settings;
        this.manager = manager;
    }

    /** Opens the prior ({@code default} or a model folder) on {@code device}, with its noise calibration. */
    public static SeriesDenoiser open(String model, DdlmSettings settings, Device device) throws ModelException {
        return open(model, settings, device, null);
    }

    /**
     * As {@link #open(String, DdlmSettings, Device)}, with the series' own normal-dose noise (HU, the estimator's
     * total-noise measure on a normal-dose scan of the same protocol) taken off every slice instead of the prior's
     * capped σ_ref; null for the prior's.
     */
    public static SeriesDenoiser open(String model, DdlmSettings settings, Device device, Double normalDoseNoise)
            throws ModelException {
        NoiseCalibration calibration = NoiseCalibration.forModel(model);
        NormalDoseFloor floor = calibration.floor().withSeriesLevel(normalDoseNoise);
        PriorModels.Opened prior = PriorModels.open(model, device);
        try {
            return new SeriesDenoiser(prior, calibration, floor, settings, NDManager.newBaseManager(device));
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
    public String describeSettings(Double timeFactor) {
        return SettingsText.describe(prior.id(), settings, calibration, floor, timeFactor);
    }

    /**
     * @param batchSize  slices sampled together (each with its ensemble members); memory grows with it
     * @param sigmaNHu   the noise level of every slice (HU), or null to estimate it per slice (median over ±2 slices)
     * @param timeFactor c_t for every slice, or null for the calibration's c_t at each slice's measured sharpness
     * @param progress   told (slices done, total) after each batch, polled between batches and sampler steps; may be
     *                   null
     * @throws CancellationException when {@code progress} is cancelled (between batches or sampler steps)
     */
    public Summary run(SliceSource source, SliceSink sink, int batchSize, Double sigmaNHu, Double timeFactor,
                       Progress progress) throws ModelException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (sigmaNHu != null && !(sigmaNHu >= 0.0 && Double.isFinite(sigmaNHu))) {
            throw new IllegalArgumentException("the noise level must be finite and >= 0 HU, got " + sigmaNHu);
        }
        if (timeFactor != null && !(timeFactor > 0.0 && Double.isFinite(timeFactor))) {
            throw new IllegalArgumentException("c_t must be positive and finite, got " + timeFactor);
        }
        Progress report = progress == null ? Progress.NONE : progress;
        long start = System.nanoTime();
        int n = source.size();
        // With level and c_t both given nothing needs measuring: no estimate pass over the source.
        // The prior's floor holds at its data's slice thickness: each slice's is scaled to that slice's own, since
        // a series may mix them (4 and 7 mm in a head); a given level is not scaled.
        NormalDoseFloor[] floors = new NormalDoseFloor[n];
        SliceCheck[] checks = new SliceCheck[n];
        for (int i = 0; i < n; i++) {
            floors[i] = floor.withThickness(source.sliceThicknessMm(i));
            checks[i] = new SliceCheck(floors[i]);
        }
        NoiseProfile[] profiles = sigmaNHu != null && timeFactor != null ? given(n, sigmaNHu)
                : profile(source, floors);
        TextureAwareDenoiser denoiser = new TextureAwareDenoiser(prior.denoiser(), settings, i -> checks[i],
                manager);
        double sigmaSum = 0;
        int unchanged = 0;
        int retried = 0;
        List<Integer> flagged = new ArrayList<>();
        List<Integer> floorCapped = new ArrayList<>();
        long evaluations = 0;
        for (int first = 0; first < n; first += batchSize) {
            if (report.isCancelled()) {
                throw new CancellationException("denoising cancelled after " + first + " of " + n + " slices");
            }
            int end = Math.min(n, first + batchSize);
            List<DdlmInput> batch = new ArrayList<>(end - first);
            for (int i = first; i < end; i++) {
                double sigma = sigmaNHu != null ? sigmaNHu : profiles[i].sigmaHu();
                batch.add(new DdlmInput(pull(source, i), source.seriesUid(), i, sigma,
                        calibration.timeFactor(timeFactor, profiles[i])));
            }
            List<NoiseProfile> batchProfiles = java.util.Arrays.asList(profiles).subList(first, end);
            List<CheckedDenoiser.Checked> outputs = denoiser.denoise(batch, batchProfiles, report);
            for (int j = 0; j < outputs.size(); j++) {
                CheckedDenoiser.Checked out = outputs.get(j);
                NoiseProfile profile = profiles[first + j];
                NormalDoseFloor sliceFloor = floors[first + j];
                boolean capped = profile.measured() && sigmaNHu == null && sliceFloor.capped(profile.totalHu());
                push(sink, first + j, out.hu(), new SliceRecord(profile, sigmaNHu != null, out,
                        denoiser.usesSharp(profile) ? denoiser.settingsFor(profile) : null,
                        profile.measured() ? sliceFloor.total(profile.totalHu()) : Double.NaN, capped));
                if (capped) {
                    floorCapped.add(first + j + 1);
                }
                sigmaSum += out.sigmaNHu();
                if (out.unchanged()) {
                    unchanged++;
                } else {
                    retried += out.attempts() > 1 ? 1 : 0;
                }
                evaluations += out.evaluations();
                if (out.flagged()) {
                    flagged.add(first + j + 1);
                }
            }
            report.update(end, n);
        }
        return new Summary(n, n == 0 ? Double.NaN : sigmaSum / n, unchanged, (System.nanoTime() - start) / 1e9,
                evaluations, List.copyOf(flagged), retried, List.copyOf(floorCapped));
    }

    private static NoiseProfile[] given(int n, double sigma) {
        NoiseProfile[] out = new NoiseProfile[n];
        java.util.Arrays.fill(out, NoiseProfile.given(sigma));
        return out;
    }

    /**
     * σ̂_n, total, HH and sharpness per slice from one pass over the source, each with its own floor, with the
     * ±2-slice z-median.
     */
    private static NoiseProfile[] profile(SliceSource source, NormalDoseFloor[] floors) throws ModelException {
        try {
            return NoiseLevelEstimator.profileSeries(new LazySlices(source), k -> new NoiseLevelEstimator(floors[k]),
                    true);
        } catch (LazySlices.Failure f) {
            throw new SliceTransferException(f.getMessage(), f.getCause());
        }
    }

    private static HuImage pull(SliceSource source, int index) throws ModelException {
        try {
            return source.slice(index);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SliceTransferException("cannot read slice " + (index + 1) + ": " + e.getMessage(), e);
        }
    }

    private static void push(SliceSink sink, int index, float[] hu, SliceRecord record) throws ModelException {
        try {
            sink.accept(index, hu, record);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SliceTransferException("cannot store slice " + (index + 1) + ": " + e.getMessage(), e);
        }
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
    private static final class LazySlices extends AbstractList<HuImage> {
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
        public HuImage get(int index) {
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
