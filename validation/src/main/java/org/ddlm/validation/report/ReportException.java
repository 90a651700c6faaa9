package org.ddlm.validation.report;

/** A validation report could not be made: bad input slices, a metric that cannot be computed, or a write failure. */
public class ReportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
