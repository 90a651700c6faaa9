package org.ddlm.plugin.workflow;

/** A problem the user can fix (bad option combination, unusable file), reported as one line. */
public class UserException extends Exception {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
