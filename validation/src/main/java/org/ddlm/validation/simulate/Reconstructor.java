package org.ddlm.validation.simulate;

/**
 * Filtered back-projection for one geometry, filter and image grid.
 */
public interface Reconstructor {

    /**
     * @param sinogram line integrals (value x mm), laid out like the geometry's rays
     * @param threads  worker threads; the result does not depend on this
     * @return the image, row-major on the grid, in value per mm; zero outside the field of view
     */
    double[] reconstruct(Sinogram sinogram, int threads);
}
