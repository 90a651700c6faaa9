package org.ddlm.plugin.workflow;

import org.ddlm.core.ActionableException;

/** A problem the user can fix (bad option combination, unusable file), reported as one line. */
public class UserException extends ActionableException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
