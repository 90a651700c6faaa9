package org.ddlm.diffusion.model;

/**
 * Linear map between image intensities and model units: x = (value − offset)/scale.
 * For CT the project uses x = HU/1000 (algorithms.md §2), so noise converts by one division.
 */
public record IntensityMapping(double offset, double scale) {

    /** x = HU/1000: water 0, air −1. */
    public static final IntensityMapping CT_HU = new IntensityMapping(0.0, 1000.0);

    public IntensityMapping {
        if (!(scale > 0.0) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("intensity scale must be positive and offset finite");
        }
    }

    public double toModel(double value) {
        return (value - offset) / scale;
    }

    public double toImage(double x) {
        return x * scale + offset;
    }

    /** A noise standard deviation in image units expressed in model units (no offset). */
    public double noiseToModel(double sigmaImage) {
        return sigmaImage / scale;
    }
}
