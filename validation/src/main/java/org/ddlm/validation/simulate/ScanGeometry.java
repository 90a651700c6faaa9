package org.ddlm.validation.simulate;

/**
 * A scan geometry: where the rays run, and the matching filtered back-projection.
 */
public sealed interface ScanGeometry permits FanBeamGeometry, ParallelBeamGeometry {

    /** The lines of all rays for an image on {@code grid}. */
    RaySet rays(ImageGrid grid);

    /** FBP onto {@code grid} for sinograms laid out like {@link #rays(ImageGrid)}. */
    Reconstructor reconstructor(ImageGrid grid, ReconFilter filter);

    /** Radius (mm) of the scanned field of view, centred on the isocentre. */
    double fovRadiusMm(ImageGrid grid);

    /** Every parameter, for {@link DoseSettings#describe()}. */
    String describe();
}
