package org.ddlm.validation.report;

import org.ddlm.core.ActionableException;

/** A validation report could not be made: bad input slices, a metric that cannot be computed, or a write failure. */
public class ReportException extends ActionableException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
