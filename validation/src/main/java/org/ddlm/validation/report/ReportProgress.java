package org.ddlm.validation.report;

/** Progress of a report: slices measured so far. Library code reports here and never prints. */
@FunctionalInterface
public interface ReportProgress {

    ReportProgress NONE = (done, total) -> { };

    void slicesMeasured(int done, int total);
}
