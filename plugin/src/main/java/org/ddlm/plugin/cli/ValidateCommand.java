package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ddlm.dicom.CtStack;
import org.ddlm.plugin.workflow.UserException;
import org.ddlm.plugin.workflow.ValidateRequest;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.Window;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportException;
import org.ddlm.validation.report.ReportResult;
import org.ddlm.validation.report.WindowSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Measure a series (TEST) against a full-dose reference (REF): PSNR, SSIM, "
        + "RMSE per slice and per series in the abdomen, wide and full windows (or --window), optional noise in an ROI. "
        + "Writes per_slice.csv, summary.json, psnr_ssim_per_slice.png and montage.png into the report folder.")
final class ValidateCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "TEST", description = "series to judge (e.g. denoised or low dose)")
    Path test;

    @Parameters(index = "1", paramLabel = "REF", description = "full-dose reference series")
    Path reference;

    @Option(names = "--input", paramLabel = "LOW", description = "low-dose input: every metric is also reported for it")
    Path input;

    @Option(names = "--report", paramLabel = "DIR", required = true, description = "report folder (created)")
    Path report;

    @Option(names = "--window", paramLabel = "WIN", description = "window: abdomen, wide, chest, full, W,L or lo:hi "
            + "(repeatable; default abdomen, wide, full; the first is plotted)")
    List<String> windows = new ArrayList<>();

    @Option(names = "--roi", paramLabel = "ROI", description = "noise ROI in pixels: x,y,r (circle) or x,y,w,h")
    String roi;

    @Option(names = "--mask", paramLabel = "body", description = "'body': measure inside the body mask only")
    String mask;

    @Option(names = "--match-tol", paramLabel = "MM", description = "slice pairing tolerance along the normal, "
            + "mm (default ${DEFAULT-VALUE})")
    double matchTolerance = StackPairing.DEFAULT_TOLERANCE_MM;

    @Mixin
    ForceOption nonCt;

    @Override
    public Integer call() throws Exception {
        if (mask != null && !mask.equals("body")) {
            throw new UserException("--mask takes 'body', not '" + mask + "'");
        }
        List<Window> parsed = new ArrayList<>();
        Roi noiseRoi;
        try {
            for (String w : windows) {
                parsed.add(Window.parse(w));
            }
            noiseRoi = roi == null ? null : Roi.parse(roi);
        } catch (MetricException e) {
            throw new UserException(e.getMessage(), e);
        }
        ValidateRequest request = ValidateRequest.builder().matchTolerance(matchTolerance)
                .report(report, Arrays.asList(test, reference, input)).windows(parsed).noiseRoi(noiseRoi)
                .bodyMask(mask != null)
                .command(invocation()).build();
        try {
            ValidateRequest.Measured m = measure(request, test, reference, input, nonCt.force, stderr());
            print(stdout(), m.result(), m.pairing());
            return 0;
        } catch (MetricException | ReportException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    /**
     * Reads TEST and REF (and the low-dose input, if given) and runs {@code request} with a progress bar; shared with
     * {@code ddlm denoise --reference}.
     */
    static ValidateRequest.Measured measure(ValidateRequest request, Path test, Path reference, Path input,
                                            boolean force, PrintWriter err) throws Exception {
        CtStack t = StackArgs.single(test, force, "TEST");
        CtStack r = StackArgs.single(reference, force, "REF");
        CtStack in = input == null ? null : StackArgs.single(input, force, "--input");
        TerminalProgressBar progress = new TerminalProgressBar(err, "validate", 0);
        ValidateRequest.Measured m = request.run(new ValidateRequest.Series(test.toString(), t),
                new ValidateRequest.Series(reference.toString(), r),
                in == null ? null : new ValidateRequest.Series(input.toString(), in), progress);
        progress.done();
        return m;
    }

    private static void print(PrintWriter out, ReportResult result, StackPairing pairing) {
        List<String> un = pairing.unmatched();
        out.printf("%d slice pair(s)%s%n", pairing.size(), un.isEmpty() ? "" : ", " + un.size() + " unmatched: "
                + String.join(", ", un.subList(0, Math.min(4, un.size()))) + (un.size() > 4 ? ", ..." : ""));
        out.printf("%-10s %-12s %9s %8s %9s%s%n", "window", "W/L", "PSNR dB", "SSIM", "RMSE HU",
                hasInput(result) ? "   input: PSNR dB   SSIM   RMSE HU" : "");
        for (WindowSummary s : result.summaries()) {
            out.printf(java.util.Locale.ROOT, "%-10s %-12s %9s %8.4f %9.2f", s.window().name(),
                    fmt(s.window().width()) + "/" + fmt(s.window().level()), psnr(s.test()), s.test().ssim().mean(),
                    s.test().rmse().mean());
            if (s.input() != null) {
                out.printf(java.util.Locale.ROOT, "          %9s %8.4f %9.2f", psnr(s.input()),
                        s.input().ssim().mean(), s.input().rmse().mean());
            }
            out.println();
        }
        out.println("report: " + result.csv().getParent());
    }

    /** Mean PSNR; identical images have PSNR +inf, which the finite-value statistics leave out. */
    private static String psnr(org.ddlm.validation.report.MetricBlock m) {
        double v = m.psnr().mean();
        return Double.isNaN(v) && m.rmse().mean() == 0 ? "inf" : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static boolean hasInput(ReportResult r) {
        return !r.summaries().isEmpty() && r.summaries().get(0).input() != null;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
