package org.ddlm.validation.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ddlm.core.Progress;
import org.ddlm.validation.metrics.MetricException;

/**
 * Writes the report files of metrics.md section 9 into a folder: per_slice.csv, summary.json,
 * psnr_ssim_per_slice.png, montage.png and, where tiles fit in the body, nps.png (section 7). Everything is rendered in memory first, written under temporary
 * names, and renamed only when all four are on disk, so a failed run never leaves a half-written report.
 */
public final class ReportWriter {

    public static final String CSV = "per_slice.csv";
    public static final String JSON = "summary.json";
    public static final String PLOT = "psnr_ssim_per_slice.png";
    public static final String MONTAGE = "montage.png";
    /** Written when 64x64 tiles fit inside the body (not on small crops). */
    public static final String NPS = "nps.png";

    private ReportWriter() {
    }

    /**
     * @param progress told (slices measured, total) after each slice and polled before each: a cancelled report
     *                 stops with a {@link java.util.concurrent.CancellationException} before anything is written
     */
    public static ReportResult write(ReportRequest request, SliceSource source, Path dir, Progress progress)
            throws ReportException {
        int n = source.size();
        if (n == 0) {
            throw new ReportException("no paired slices: nothing to report");
        }
        SliceEvaluator evaluator = new SliceEvaluator(request);
        ResidualNps nps = new ResidualNps(request.columnSpacingMm(), request.rowSpacingMm());
        List<SliceEvaluation> slices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            progress.stopIfCancelled("validation after " + i + " of " + n + " slices");
            SlicePair pair = read(source, i);
            slices.add(evaluator.evaluate(pair));
            try {
                nps.add(pair);
            } catch (MetricException e) {
                throw new ReportException("noise power spectrum: " + e.getMessage(), e);
            }
            progress.update(i + 1, n);
        }
        List<WindowSummary> summaries = new ArrayList<>();
        for (int w = 0; w < request.windows().size(); w++) {
            summaries.add(WindowSummary.of(slices, w, request.windows().get(w)));
        }

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CSV, PerSliceCsv.render(slices).getBytes(StandardCharsets.UTF_8));
        files.put(JSON, SummaryJson.render(request, slices, summaries, nps).getBytes(StandardCharsets.UTF_8));
        try {
            if (nps.test() != null) {
                files.put(NPS, NpsChart.render(nps.test(), nps.input()));
            }
            files.put(PLOT, MetricsChart.render(slices, summaries.get(0), 0));
            List<Montage.Row> rows = Montage.chooseRows(slices, 0, request.montageSlices());
            List<SlicePair> pairs = new ArrayList<>();
            for (Montage.Row r : rows) {
                pairs.add(read(source, r.position()));
            }
            files.put(MONTAGE, Montage.render(pairs, rows, slices, 0, request.plotWindow(), request.rowSpacingMm(),
                    request.columnSpacingMm()));
        } catch (IOException e) {
            throw new ReportException("could not render the report images: " + e.getMessage(), e);
        } catch (MetricException e) {
            throw new ReportException("montage: " + e.getMessage(), e);
        }
        writeAll(dir, files);
        return new ReportResult(dir.resolve(CSV), dir.resolve(JSON), dir.resolve(PLOT), dir.resolve(MONTAGE),
                List.copyOf(slices), List.copyOf(summaries), SummaryJson.problems(request, slices));
    }

    private static SlicePair read(SliceSource source, int position) throws ReportException {
        try {
            return source.get(position);
        } catch (IOException e) {
            throw new ReportException("could not read paired slice " + position + ": " + e.getMessage(), e);
        }
    }

    /** Temp names first, then renames; temp files are removed if anything fails. */
    static void writeAll(Path dir, Map<String, byte[]> files) throws ReportException {
        Map<Path, Path> moves = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                // Not createTempFile: that makes owner-only files, and a report is meant to be shared.
                Path tmp = dir.resolve("." + f.getKey() + "." + UUID.randomUUID() + ".tmp");
                moves.put(tmp, dir.resolve(f.getKey()));
                Files.write(tmp, f.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            for (Map.Entry<Path, Path> m : moves.entrySet()) {
                try {
                    Files.move(m.getKey(), m.getValue(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(m.getKey(), m.getValue(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            for (Path tmp : moves.keySet()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original error is the one to report
                }
            }
            throw new ReportException("could not write the report into " + dir + ": " + e.getMessage()
                    + " (check that the folder is writable and the disk not full)", e);
        }
    }
}
