package org.ddlm.plugin.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ddlm.core.Progress;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomWriteException;
import org.ddlm.plugin.denoise.DenoiseReport;
import org.ddlm.plugin.workflow.DenoiseRequest;
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

    @Option(names = "--normal-dose-noise", paramLabel = "HU", description = "the noise a normal-dose scan of this "
            + "protocol has (HU; measure it with 'ddlm noise' on one), taken off each slice's total noise to leave the "
            + "excess. Default: the prior's own normal-dose level, at most total/sqrt 2. Give it when the protocol's "
            + "normal dose is far from the prior's (sharp or thin-slice kernels are noisier, head protocols quieter). "
            + "With --sigma it only changes the texture estimate")
    Double normalDoseNoise;

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
        DenoiseRequest request = DenoiseRequest.builder().model(ddlm.model).settings(ddlm.toSettings()).sigma(sigma)
                .timeFactor(ddlm.timeFactor).normalDoseNoise(normalDoseNoise).batch(batch).inputs(inputs()).output(out)
                .uncertainty(uncertainty)
                .overwrite(overwrite).seriesNumber(seriesNumber).build();
        Path reportDir = reportFolder();
        request.checkOutput();
        if (json != null) {
            JsonFile.check(json, inputs());
            JsonFile.clear(json);
        }
        List<CtStack> stacks = StackArgs.validatedForWriting(in, out, overwrite, false);
        DenoiseRequest.checkMatrix(stacks);
        request.checkUncertainty();
        if (reference != null) {
            checkReference(stacks);
        }
        PrintWriter err = stderr();
        Device dev = device.start();
        DenoiseRequest.Result result = denoise(request, stacks, dev, err);
        DenoiseReport.Totals totals = result.totals();
        if (!totals.flagged().isEmpty()) {
            err.println("warning: " + totals.flagged().size() + " slice(s) failed the safety check twice and were "
                    + "written unchanged (flagged in their ImageComments and in the JSON line): "
                    + String.join(", ", totals.flagged()));
        }
        if (totals.floorCapped() > 0) {
            err.println("warning: " + totals.floorCapped() + " of " + totals.slices() + " slice(s) are quieter than "
                    + "sqrt 2 x the normal-dose noise the prior expects at their thickness, so their excess noise was "
                    + "taken as total/sqrt 2 (\"capped\" in their ImageComments) and may be off by up to 2x: if you know "
                    + "the protocol's normal-dose noise (ddlm noise on a normal-dose scan), give --normal-dose-noise");
        }
        if (totals.unchanged() > 0) {
            err.println("warning: " + totals.unchanged() + " slice(s) are less noisy than the prior can represent "
                    + "and were written unchanged");
        }
        List<Path> written = result.written();
        DenoiseReport line = new DenoiseReport(totals, result.modelId(), result.description(), written);
        if (reference != null) {
            line = line.withValidation(measure(written.get(0), reportDir, err).result(), reportDir);
            // The report keeps the run's own account too: settings, flagged and retried slices.
            java.nio.file.Files.writeString(reportDir.resolve("denoise.json"), line.toJson() + "\n");
        }
        stdout().println(line.toJson());
        if (json != null) {
            JsonFile.write(json, line.toJson());
        }
        return 0;
    }

    /** Runs the request with a bar stepped per slice and a warning per flagged slice, then names what it wrote. */
    private static DenoiseRequest.Result denoise(DenoiseRequest request, List<CtStack> stacks, Device dev,
                                                 PrintWriter err) throws Exception {
        TerminalProgressBar progress = new TerminalProgressBar(err, "denoise",
                stacks.stream().mapToInt(CtStack::size).sum());
        DenoiseRequest.Result result = request.run(stacks, dev, Progress.NONE, (stack, i, hu, r) -> {
            progress.step();
            if (r.flagged()) {
                err.println();
                err.printf(Locale.ROOT, "warning: %s slice %d (%s) FLAGGED, kept as the input: %s%n",
                        stack.id(), i + 1, stack.slices().get(i).path().getFileName(),
                        r.outcome().verdict() == null ? "" : r.outcome().verdict().failure());
            }
        });
        result.uncertainty().forEach(p -> err.println("wrote " + p + " (uncertainty)"));
        progress.done();
        result.written().forEach(p -> err.println("wrote " + p));
        result.notes().forEach(n -> err.println("note: " + n));
        if (result.clampedPixels() > 0) {
            err.println("note: " + result.clampedPixels() + " pixel(s) clamped to the int16 range");
        }
        return result;
    }

    /** The folders nothing may be written into: IN and, with --reference, REF (an input too). */
    private List<Path> inputs() {
        return reference == null ? List.of(in) : List.of(in, reference);
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
