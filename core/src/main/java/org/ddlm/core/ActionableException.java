package org.ddlm.core;

/**
 * What every module's checked exception is: a failure a person can act on, whose message is one line naming the file
 * (when there is one) and what to change. The modules keep their own subclasses (ModelException, ReportException,
 * MetricException, BenchException, UserException) so that a signature still says which layer failed.
 */
public class ActionableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActionableException(String message) {
        super(message);
    }

    public ActionableException(String message, Throwable cause) {
        super(message, cause);
    }
}
