package org.ddlm.plugin.bench;

import org.ddlm.core.ActionableException;

/** A benchmark that cannot run (unreadable sample, model problem, unwritable output), with a message a person can act on. */
public class BenchException extends ActionableException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
