package org.ddlm.diffusion.model;

import org.ddlm.core.ActionableException;

/**
 * The diffusion module's one checked exception: a model, checkpoint, sidecar or device
 * that cannot be used. The message says what to change; the file, when there is one, is named in it.
 */
public class ModelException extends ActionableException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
