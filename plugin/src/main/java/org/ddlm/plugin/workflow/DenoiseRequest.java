package org.ddlm.plugin.workflow;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.ddlm.core.Progress;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.Derivation;
import org.ddlm.dicom.DerivedSeriesWriter;
import org.ddlm.dicom.DicomFileException;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.Problem;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.plugin.denoise.DenoiseReport;
import org.ddlm.plugin.denoise.StackSource;
import org.ddlm.plugin.denoise.StackWriterSink;

/**
 * A DDLM denoising of one or more stacks, as {@code ddlm denoise} and Fiji's DDLM Denoise run it: validated once when
 * built, then {@link #run} opens the prior, streams every stack through {@link SeriesDenoiser} and commits the derived
 * series (and the uncertainty series, when asked) only after the last slice; a failure or a cancel leaves nothing.
 */
public final class DenoiseRequest {
    /** Noise above this is not CT noise (it would start the sampler beyond the prior's training range). */
    public static final int MAX_SIGMA_HU = 1000;
    /** Smallest matrix (pixels a side) the denoiser takes: the network works on 8-pixel multiples, reflected. */
    public static final int MIN_MATRIX = 16;

    /**
     * Told about each denoised slice, after it is stored: {@code hu} is the denoised slice (padding already
     * restored where a series is written), e.g. to show it, step a bar or warn about a flagged slice.
     */
    @FunctionalInterface
    public interface SliceListener {
        SliceListener NONE = (stack, index, hu, record) -> { };

        void denoised(CtStack stack, int index, float[] hu, SeriesDenoiser.SliceRecord record) throws Exception;
    }

    /**
     * What a run did.
     *
     * @param written       the stack folders written (empty without an output)
     * @param uncertainty   the uncertainty stack folders written (empty without an uncertainty folder)
     * @param summaries     one per stack, in order
     * @param totals        the summaries added up, flagged slices named by stack
     * @param modelId       the prior's identifier
     * @param description   the DerivationDescription's settings text
     * @param notes         the writer's notes (e.g. attributes it had to drop)
     * @param clampedPixels pixels the writer clamped to the int16 range
     */
    public record Result(List<Path> written, List<Path> uncertainty, List<SeriesDenoiser.Summary> summaries,
                         DenoiseReport.Totals totals, String modelId, String description, List<String> notes,
                         long clampedPixels) {
    }

    private final String model;
    private final DdlmSettings settings;
    private final Double sigma;
    private final Double timeFactor;
    private final Double normalDoseNoise;
    private final int batch;
    private final List<Path> inputs;
    private final Path output;
    private final Path uncertainty;
    private final boolean overwrite;
    private final Integer seriesNumber;

    private DenoiseRequest(Builder b) {
        this.model = b.model;
        this.settings = b.settings;
        this.sigma = b.sigma;
        this.timeFactor = b.timeFactor;
        this.normalDoseNoise = b.normalDoseNoise;
        this.batch = b.batch;
        this.inputs = List.copyOf(b.inputs);
        this.output = b.output;
        this.uncertainty = b.uncertainty;
        this.overwrite = b.overwrite;
        this.seriesNumber = b.seriesNumber;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path output() {
        return output;
    }

    /** Refuses an output that is, lies inside or contains an input, or is not empty without overwrite. */
    public void checkOutput() throws Exception {
        if (output != null) {
            DerivedSeriesWriter.checkOutput(output, inputs, overwrite);
        }
    }

    /** Refuses an uncertainty folder that meets an input or the output, or is not empty without overwrite. */
    public void checkUncertainty() throws Exception {
        if (uncertainty != null) {
            DerivedSeriesWriter.checkOutput(uncertainty, uncertaintyInputs(), overwrite);
        }
    }

    /** Refuses a stack whose matrix is smaller than the network takes, naming its first file. */
    public static void checkMatrix(Collection<CtStack> stacks) throws DicomReadException {
        for (CtStack s : stacks) {
            if (s.first().rows() < MIN_MATRIX || s.first().cols() < MIN_MATRIX) {
                throw new DicomReadException(s.first().path(), Problem.UNSUPPORTED_PIXEL_FORMAT, String.format(
                        Locale.ROOT, "a %dx%d matrix is too small to denoise (at least %dx%d)",
                        s.first().cols(), s.first().rows(), MIN_MATRIX, MIN_MATRIX), "Denoise whole CT slices");
            }
        }
    }

    /**
     * Denoises every slice of {@code stacks} on {@code device}.
     *
     * @param progress passed to the denoiser for each stack: told (slices done, stack size) after each batch and
     *                 polled between batches and sampler steps
     * @throws CancellationException when cancelled; nothing is written then
     */
    public Result run(List<CtStack> stacks, Device device, Progress progress, SliceListener slices) throws Exception {
        try (SeriesDenoiser denoiser = SeriesDenoiser.open(model, settings, device, normalDoseNoise)) {
            String description = denoiser.describeSettings(timeFactor) + (sigma == null ? ""
                    : "; sigma_n " + sigma + " HU (given)");
            return denoise(denoiser, stacks, description, progress, slices);
        } catch (SeriesDenoiser.SliceTransferException e) {
            // A DICOM read or write failed inside the pipeline: report it as the DICOM error it is.
            if (e.getCause() instanceof DicomFileException d) {
                throw d;
            }
            throw e;
        }
    }

    private Result denoise(SeriesDenoiser denoiser, List<CtStack> stacks, String description, Progress progress,
                           SliceListener slices) throws Exception {
        DenoiseReport.Totals totals = new DenoiseReport.Totals();
        List<SeriesDenoiser.Summary> summaries = new ArrayList<>();
        try (DerivedSeriesWriter writer = output == null ? null
                : DerivedSeriesWriter.open(output, inputs, overwrite);
             DerivedSeriesWriter spreads = uncertainty == null ? null
                     : DerivedSeriesWriter.open(uncertainty, uncertaintyInputs(), overwrite)) {
            for (CtStack stack : stacks) {
                DerivedSeriesWriter.StackWriter sw = writer == null ? null
                        : writer.beginStack(stack, Derivation.denoise(description).withSeriesNumber(seriesNumber));
                DerivedSeriesWriter.StackWriter spreadWriter = spreads == null ? null
                        : spreads.beginStack(stack, Derivation.uncertainty(description));
                StackWriterSink files = sw == null ? null : new StackWriterSink(stack, sw, spreadWriter, null);
                SeriesDenoiser.SliceSink sink = (i, hu, r) -> {
                    if (files != null) {
                        files.accept(i, hu, r);
                    }
                    slices.denoised(stack, i, hu, r);
                };
                SeriesDenoiser.Summary summary = denoiser.run(new StackSource(stack), sink, batch, sigma, timeFactor,
                        progress);
                summaries.add(summary);
                totals.add(summary, stack.id());
            }
            List<Path> written = List.of();
            List<String> notes = List.of();
            long clamped = 0;
            if (writer != null) {
                writer.commit();
                written = writer.stackFolders();
                notes = writer.notes();
                clamped = writer.clampedPixels();
            }
            List<Path> spreadFolders = List.of();
            if (spreads != null) {
                spreads.commit();
                spreadFolders = spreads.stackFolders();
            }
            return new Result(written, spreadFolders, List.copyOf(summaries), totals, denoiser.modelId(),
                    description, notes, clamped);
        }
    }

    /** The uncertainty series keeps out of the inputs and out of the output. */
    private List<Path> uncertaintyInputs() {
        List<Path> all = new ArrayList<>(inputs);
        if (output != null) {
            all.add(output);
        }
        return all;
    }

    /** The options of a denoising; {@link #build} checks them all at once. */
    public static final class Builder {
        private String model = "default";
        private DdlmSettings settings;
        private Double sigma;
        private Double timeFactor;
        private Double normalDoseNoise;
        private int batch = 4;
        private List<Path> inputs = List.of();
        private Path output;
        private Path uncertainty;
        private boolean overwrite;
        private Integer seriesNumber;

        private Builder() {
        }

        /** {@code default} or a model folder. */
        public Builder model(String value) {
            model = value;
            return this;
        }

        /** The sampler settings, from {@link DenoiseSettingsBuilder}. */
        public Builder settings(DdlmSettings value) {
            settings = value;
            return this;
        }

        /** Excess noise level in HU for every slice, or null to estimate it per slice. */
        public Builder sigma(Double value) {
            sigma = value;
            return this;
        }

        /** c_t for every slice, or null to follow each slice's noise texture. */
        public Builder timeFactor(Double value) {
            timeFactor = value;
            return this;
        }

        /**
         * The series' own normal-dose noise in HU (measured on a normal-dose scan of the same protocol), taken off
         * each slice's total noise instead of the prior's; null for the prior's.
         */
        public Builder normalDoseNoise(Double value) {
            normalDoseNoise = value;
            return this;
        }

        /** Slices per batch. */
        public Builder batch(int value) {
            batch = value;
            return this;
        }

        /** The folders read (the series, and a reference if any): nothing may be written into them. */
        public Builder inputs(List<Path> value) {
            inputs = value;
            return this;
        }

        /** Where the derived series goes; null denoises into memory only (Fiji without an output folder). */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** Where the per-pixel spread goes as a second derived series, or null for none. */
        public Builder uncertainty(Path value) {
            uncertainty = value;
            return this;
        }

        public Builder overwrite(boolean value) {
            overwrite = value;
            return this;
        }

        /** SeriesNumber of the output, or null for the source's plus 1000. */
        public Builder seriesNumber(Integer value) {
            seriesNumber = value;
            return this;
        }

        /** @throws UserException naming the first option out of range */
        public DenoiseRequest build() throws UserException {
            if (settings == null) {
                throw new IllegalStateException("no DDLM settings");
            }
            if (batch < 1) {
                throw new UserException("--batch must be at least 1, got " + batch);
            }
            if (sigma != null && !(sigma >= 0 && sigma <= MAX_SIGMA_HU)) {
                throw new UserException("--sigma must be a noise level from 0 to " + MAX_SIGMA_HU + " HU, got "
                        + sigma);
            }
            if (normalDoseNoise != null && !(normalDoseNoise >= 0 && normalDoseNoise <= MAX_SIGMA_HU)) {
                throw new UserException("--normal-dose-noise must be a noise level from 0 to " + MAX_SIGMA_HU
                        + " HU, got " + normalDoseNoise);
            }
            if (uncertainty != null && output == null) {
                throw new UserException("an uncertainty series needs an output folder");
            }
            return new DenoiseRequest(this);
        }
    }
}
