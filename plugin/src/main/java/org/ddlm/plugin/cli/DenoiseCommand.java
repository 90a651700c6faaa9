package org.ddlm.plugin.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.Derivation;
import org.ddlm.dicom.DerivedSeriesWriter;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.DicomWriteException;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.plugin.denoise.DenoiseReport;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.plugin.denoise.StackSource;
import org.ddlm.plugin.denoise.StackWriterSink;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.plugin.workflow.ValidateRequest;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "denoise", description = "Denoise a low-dose CT series with DDLM: per slice, estimate the excess "
        + "noise level, start the reverse diffusion of the prior at the matching time from the noisy image, and sample "
        + "to the data with the chosen conditioning. Writes a derived DICOM series to OUT (atomically: nothing appears "
        + "there if the run fails or is killed; IN is never touched). With --reference, also writes the validation "
        + "report against the full-dose series. Prints one JSON line with the series means on stdout (and into "
        + "--json FILE).",
        sortOptions = false)
final class DenoiseCommand extends Subcommand {
    /** Noise above this is not CT noise (it would start the sampler beyond the prior's training range). */
    static final int MAX_SIGMA_HU = 1000;
    /** Smallest matrix (pixels a side) the denoiser takes: the network works on 8-pixel multiples, reflected. */
    static final int MIN_MATRIX = 16;

    @Parameters(index = "0", paramLabel = "IN", description = "low-dose series (folder or file); every CT stack in it "
            + "is denoised")
    Path in;

    @Option(names = "--out", paramLabel = "OUT", required = true, description = "output folder (one subfolder per "
            + "stack); must not exist or be empty unless --overwrite")
    Path out;

    @Option(names = "--reference", paramLabel = "REF", description = "full-dose series of the same scan: measure the "
            + "denoised series and the input against it (PSNR, SSIM, RMSE per window)")
    Path reference;

    @Option(names = "--report", paramLabel = "DIR", description = "report folder for --reference (default: OUT-report "
            + "beside OUT)")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON line to FILE, atomically and "
            + "as the last step, so a pipeline can take FILE as the sign of a finished run; an existing FILE is "
            + "removed first, so a run that fails never leaves an older one behind")
    Path json;

    @Mixin
    DdlmOptions ddlm = new DdlmOptions();

    @Option(names = "--sigma", paramLabel = "HU", description = "excess noise level of the input in HU, used for "
            + "every slice (default: estimated per slice, median over slices +-2)")
    Double sigma;

    @Option(names = "--uncertainty", paramLabel = "DIR", description = "also write the per-pixel spread (std, HU) "
            + "across the mirror views and ensemble members of every slice as a second derived series into DIR "
            + "(zero where only one view was sampled)")
    Path uncertainty;

    @Option(names = "--batch", paramLabel = "B", description = "slices per batch; memory grows with it "
            + "(default ${DEFAULT-VALUE})")
    int batch = 4;

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Option(names = "--overwrite", description = "replace a non-empty OUT whole")
    boolean overwrite;

    @Option(names = "--series-number", paramLabel = "N", description = "SeriesNumber of the output "
            + "(default: source + 1000)")
    Integer seriesNumber;

    @Override
    public Integer call() throws Exception {
        DdlmSettings settings = ddlm.toSettings();
        if (batch < 1) {
            throw new UserException("--batch must be at least 1, got " + batch);
        }
        if (sigma != null && !(sigma >= 0 && sigma <= MAX_SIGMA_HU)) {
            throw new UserException("--sigma must be a noise level from 0 to " + MAX_SIGMA_HU + " HU, got " + sigma);
        }
        Path reportDir = reportFolder();
        DerivedSeriesWriter.checkOutput(out, inputs(), overwrite);
        if (json != null) {
            JsonFile.check(json, inputs());
            JsonFile.clear(json);
        }
        List<CtStack> stacks = StackArgs.validatedForWriting(in, out, overwrite, false);
        for (CtStack s : stacks) {
            if (s.first().rows() < MIN_MATRIX || s.first().cols() < MIN_MATRIX) {
                throw new DicomReadException(s.first().path(), org.ddlm.dicom.Problem.UNSUPPORTED_PIXEL_FORMAT, String.format(
                        java.util.Locale.ROOT, "a %dx%d matrix is too small to denoise (at least %dx%d)",
                        s.first().cols(), s.first().rows(), MIN_MATRIX, MIN_MATRIX), "Denoise whole CT slices");
            }
        }
        if (uncertainty != null) {
            DerivedSeriesWriter.checkOutput(uncertainty, uncertaintyInputs(), overwrite);
        }
        if (reference != null) {
            checkReference(stacks);
        }
        PrintWriter err = stderr();
        Device dev = device.start();
        try (SeriesDenoiser denoiser = SeriesDenoiser.open(ddlm.model, settings, dev)) {
            String description = denoiser.describeSettings(ddlm.timeFactor) + (sigma == null ? ""
                    : "; sigma_n " + sigma + " HU (given)");
            DenoiseReport.Totals totals = new DenoiseReport.Totals();
            List<Path> written = denoiseInto(denoiser, stacks, description, totals, err);
            if (!totals.flagged().isEmpty()) {
                err.println("warning: " + totals.flagged().size() + " slice(s) failed the safety check twice and were "
                        + "written unchanged (flagged in their ImageComments and in the JSON line): "
                        + String.join(", ", totals.flagged()));
            }
            if (totals.unchanged() > 0) {
                err.println("warning: " + totals.unchanged() + " slice(s) are less noisy than the prior can represent "
                        + "and were written unchanged");
            }
            DenoiseReport line = new DenoiseReport(totals, denoiser.modelId(), description, written);
            if (reference != null) {
                line = line.withValidation(measure(written.get(0), reportDir, err).result(), reportDir);
                // The report keeps the run's own account too: settings, flagged and retried slices.
                java.nio.file.Files.writeString(reportDir.resolve("denoise.json"), line.toJson() + "\n");
            }
            stdout().println(line.toJson());
            if (json != null) {
                JsonFile.write(json, line.toJson());
            }
        }
        return 0;
    }

    /** Streams every stack through the denoiser into one atomically committed OUT; returns the stack folders. */
    private List<Path> denoiseInto(SeriesDenoiser denoiser, List<CtStack> stacks, String description,
                                   DenoiseReport.Totals totals, PrintWriter err) throws Exception {
        TerminalProgressBar progress = new TerminalProgressBar(err, "denoise", stacks.stream().mapToInt(CtStack::size).sum());
        try (DerivedSeriesWriter writer = DerivedSeriesWriter.open(out, inputs(), overwrite);
             DerivedSeriesWriter spreads = uncertainty == null ? null
                     : DerivedSeriesWriter.open(uncertainty, uncertaintyInputs(), overwrite)) {
            for (CtStack stack : stacks) {
                DerivedSeriesWriter.StackWriter sw = writer.beginStack(stack,
                        Derivation.denoise(description).withSeriesNumber(seriesNumber));
                DerivedSeriesWriter.StackWriter spreadWriter = spreads == null ? null
                        : spreads.beginStack(stack, Derivation.uncertainty(description));
                totals.add(denoiser.run(new StackSource(stack), new StackWriterSink(stack, sw, spreadWriter, (i, r) -> {
                    progress.step();
                    if (r.flagged()) {
                        err.println();
                        err.printf(Locale.ROOT, "warning: %s slice %d (%s) FLAGGED, kept as the input: %s%n",
                                stack.id(), i + 1, stack.slices().get(i).path().getFileName(),
                                r.outcome().verdict() == null ? "" : r.outcome().verdict().failure());
                    }
                }), batch, sigma, ddlm.timeFactor, null), stack.id());
            }
            writer.commit();
            if (spreads != null) {
                spreads.commit();
                spreads.stackFolders().forEach(p -> err.println("wrote " + p + " (uncertainty)"));
            }
            progress.done();
            List<Path> written = writer.stackFolders();
            written.forEach(p -> err.println("wrote " + p));
            writer.notes().forEach(n -> err.println("note: " + n));
            if (writer.clampedPixels() > 0) {
                err.println("note: " + writer.clampedPixels() + " pixel(s) clamped to the int16 range");
            }
            return written;
        } catch (SeriesDenoiser.SliceTransferException e) {
            // A DICOM read or write failed inside the pipeline: report it as the DICOM error it is.
            if (e.getCause() instanceof org.ddlm.dicom.DicomFileException d) {
                throw d;
            }
            throw e;
        }
    }

    /** The folders nothing may be written into: IN and, with --reference, REF (an input too). */
    private List<Path> inputs() {
        return reference == null ? List.of(in) : List.of(in, reference);
    }

    /** The uncertainty series keeps out of the inputs and out of OUT. */
    private List<Path> uncertaintyInputs() {
        List<Path> all = new java.util.ArrayList<>(inputs());
        all.add(out);
        return all;
    }

    /** --report needs --reference; with --reference it defaults to OUT-report beside OUT. */
    private Path reportFolder() throws UserException, DicomWriteException {
        if (reference == null) {
            if (report != null) {
                throw new UserException("--report needs --reference (the full-dose series to measure against)");
            }
            return null;
        }
        Path dir = report != null ? report : out.resolveSibling(out.getFileName() + "-report");
        ValidateRequest.checkReportTarget(dir);
        ValidateRequest.checkReportOutside(dir, List.of(in, reference, out), "the input, reference and output");
        return dir;
    }

    /** Fails before any sampling when REF is not one series on the same grid and slice positions as IN. */
    private void checkReference(List<CtStack> stacks) throws Exception {
        if (stacks.size() != 1) {
            throw new UserException("--reference compares one series, but " + in + " holds " + stacks.size()
                    + " stacks; point IN at one series");
        }
        CtStack ref = StackArgs.single(reference, false, "REF");
        try {
            StackPairing.pair(stacks.get(0), ref, null, StackPairing.DEFAULT_TOLERANCE_MM);
        } catch (ReportException e) {
            throw new UserException("--reference " + reference + " does not match " + in + ": " + e.getMessage(), e);
        }
    }

    private ValidateRequest.Measured measure(Path denoised, Path reportDir, PrintWriter err) throws Exception {
        String command = invocation();
        // The folder was checked before denoising (against IN, REF and OUT).
        ValidateRequest request = ValidateRequest.builder().report(reportDir, List.of()).command(command).build();
        try {
            return ValidateCommand.measure(request, denoised, reference, in, false, err);
        } catch (ReportException e) {
            throw new UserException(String.format(Locale.ROOT, "the denoised series was written to %s, but the "
                    + "report failed: %s", out, e.getMessage()), e);
        }
    }
}
