package org.ddlm.validation.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter#write} produced.
 *
 * @param summaries one per window, in request order
 * @param problems  the caller's problems plus those found while measuring (as in summary.json)
 */
public record ReportResult(Path csv, Path json, Path plot, Path montage, List<SliceEvaluation> slices,
                           List<WindowSummary> summaries, List<String> problems) {
}
