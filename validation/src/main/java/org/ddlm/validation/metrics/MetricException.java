package org.ddlm.validation.metrics;

import org.ddlm.core.ActionableException;

/** A measurement cannot be made as asked: a bad window or ROI, images of different size, an image too small. */
public class MetricException extends ActionableException {
    public MetricException(String message) {
        super(message);
    }
}
