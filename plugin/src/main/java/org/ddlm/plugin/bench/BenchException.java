package org.ddlm.plugin.bench;

/** A benchmark that cannot run (unreadable sample, model problem, unwritable output), with a message a person can act on. */
public class BenchException extends Exception {
    private static final long serialVersionUID = 1L;

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
