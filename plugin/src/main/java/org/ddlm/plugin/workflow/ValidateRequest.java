package org.ddlm.plugin.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ddlm.core.Progress;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DdlmVersion;
import org.ddlm.dicom.DicomWriteException;
import org.ddlm.dicom.OutputFolder;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.Window;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportException;
import org.ddlm.validation.report.ReportRequest;
import org.ddlm.validation.report.ReportResult;
import org.ddlm.validation.report.ReportWriter;
import org.ddlm.validation.report.SeriesInfo;
import org.ddlm.validation.report.SliceSource;

/**
 * A validation report (metrics.md section 9), as {@code ddlm validate}, {@code ddlm denoise --reference} and Fiji's
 * Validate Against Reference run it: the options and the report folder are checked once when built (a file, a
 * dangling link, or a folder that is, lies inside or contains a measured series is refused); {@link #run} pairs the
 * slices and writes the report files whole or not at all.
 */
public final class ValidateRequest {

    /** One measured series: where it came from (as the report names it) and its stack. */
    public record Series(String where, CtStack stack) {
        SeriesInfo info() {
            return new SeriesInfo(where, stack.seriesInstanceUid(), stack.seriesDescription(), stack.size());
        }
    }

    /** The test pixels to measure for a pairing: the files by default, an image's own pixels in Fiji. */
    @FunctionalInterface
    public interface TestPixels {
        SliceSource of(StackPairing pairing);
    }

    /** A written report and the slice pairing it measured. */
    public record Measured(ReportResult result, StackPairing pairing) {
    }

    private final Builder b;

    private ValidateRequest(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Pairs {@code test} with {@code reference} (and {@code input}, may be null) and writes the report.
     *
     * @param progress told (slices measured, total) after each slice and polled before each
     * @throws ReportException when the series do not pair or the report cannot be written
     */
    public Measured run(Series test, Series reference, Series input, Progress progress) throws Exception {
        StackPairing pairing = StackPairing.pair(test.stack(), reference.stack(), input == null ? null
                : input.stack(), b.matchTolerance);
        double[] ps = reference.stack().first().pixelSpacing();
        ReportRequest.Builder r = ReportRequest.builder(test.info(), reference.info())
                .pixelSpacing(ps[0], ps[1]).bodyMask(b.bodyMask).unmatched(pairing.unmatched())
                .command(b.command)
                .toolVersion(DdlmVersion.VERSION);
        if (input != null) {
            r.input(input.info());
        }
        if (!b.windows.isEmpty()) {
            r.windows(b.windows);
        }
        if (b.noiseRoi != null) {
            r.noiseRoi(b.noiseRoi);
        }
        test.stack().problems().forEach(p -> r.problem("test: " + p.text()));
        SliceSource pixels = b.testPixels == null ? pairing : b.testPixels.of(pairing);
        if (b.report != null) {
            return new Measured(ReportWriter.write(r.build(), pixels, b.report, progress), pairing);
        }
        // No report folder: the files go to a temporary one, removed afterwards (the numbers are the result).
        Path dir = Files.createTempDirectory("ddlm-validate");
        try {
            return new Measured(ReportWriter.write(r.build(), pixels, dir.resolve("r"), progress), pairing);
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    /** Refuses, before any work, a report folder that could only fail at the end: a file, or a dangling link. */
    public static void checkReportTarget(Path dir) throws UserException {
        if (OutputFolder.danglingLink(dir)) {
            throw new UserException("the report folder " + dir + " is a symbolic link to a missing target; remove the"
                    + " link or create its target folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserException("the report folder " + dir + " exists and is not a folder");
        }
    }

    /**
     * Refuses a report folder that is, lies inside or contains one of {@code series} (symbolic links followed).
     *
     * @param outside what to choose the folder outside of, in the message
     */
    public static void checkReportOutside(Path dir, Collection<Path> series, String outside)
            throws UserException, DicomWriteException {
        Path clash = OutputFolder.overlapping(dir, series);
        if (clash != null) {
            throw new UserException("the report folder " + dir + " is, lies inside or contains " + clash
                    + " (symbolic links followed); choose one outside " + outside);
        }
    }

    /** The options of a report; {@link #build} checks them all at once. */
    public static final class Builder {
        private Path report;
        private List<Path> measured = List.of();
        private String outside = "the series it measures";
        private List<Window> windows = List.of();
        private Roi noiseRoi;
        private boolean bodyMask;
        private double matchTolerance = StackPairing.DEFAULT_TOLERANCE_MM;
        private String command = "";
        private TestPixels testPixels;

        private Builder() {
        }

        /**
         * The report folder (created), refused when it is, lies inside or contains one of {@code series}; null
         * writes into a temporary folder that is removed after the run.
         */
        public Builder report(Path dir, Collection<Path> series) {
            report = dir;
            measured = new ArrayList<>(series);
            return this;
        }

        /** What the refusal message asks to choose the report folder outside of. */
        public Builder outside(String value) {
            outside = value;
            return this;
        }

        /** Empty for the report defaults (abdomen, wide, full); the first is plotted. */
        public Builder windows(List<Window> value) {
            windows = List.copyOf(value);
            return this;
        }

        /** The noise ROI, or null for none. */
        public Builder noiseRoi(Roi value) {
            noiseRoi = value;
            return this;
        }

        public Builder bodyMask(boolean value) {
            bodyMask = value;
            return this;
        }

        public Builder matchTolerance(double mm) {
            matchTolerance = mm;
            return this;
        }

        /** How the report was asked for, recorded in summary.json. */
        public Builder command(String value) {
            command = value;
            return this;
        }

        /** Measures other test pixels than the test files' (the pairing still comes from the files). */
        public Builder testPixels(TestPixels value) {
            testPixels = value;
            return this;
        }

        /** @throws UserException naming the first option or report folder that cannot work */
        public ValidateRequest build() throws UserException, DicomWriteException {
            if (!(matchTolerance > 0 && matchTolerance <= StackPairing.MAX_TOLERANCE_MM)) {
                throw new UserException("--match-tol must be a distance in mm above 0 and at most "
                        + StackPairing.MAX_TOLERANCE_MM + ", not " + matchTolerance);
            }
            if (report != null) {
                checkReportTarget(report);
                checkReportOutside(report, measured, outside);
            }
            return new ValidateRequest(this);
        }
    }
}
