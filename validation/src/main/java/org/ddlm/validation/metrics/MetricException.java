package org.ddlm.validation.metrics;

/** A measurement cannot be made as asked: a bad window or ROI, images of different size, an image too small. */
public class MetricException extends Exception {
    private static final long serialVersionUID = 1L;

    public MetricException(String message) {
        super(message);
    }
}
