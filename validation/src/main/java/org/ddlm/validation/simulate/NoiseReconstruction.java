package org.ddlm.validation.simulate;

/**
 * Draws Gaussian noise per ray with a given variance and reconstructs it alone. FBP is linear, so adding the result
 * to the full-dose image equals FBP(p + n) - FBP(p) added to it: the full-dose image is kept exactly, without the
 * blur of re-projection (metrics.md section 8, step 4).
 */
public final class NoiseReconstruction {

    private final ImageGrid grid;
    private final Reconstructor reconstructor;
    private final int threads;

    public NoiseReconstruction(ScanGeometry geometry, ImageGrid grid, ReconFilter filter, int threads) {
        this.grid = grid;
        this.reconstructor = geometry.reconstructor(grid, filter);
        this.threads = threads;
    }

    /**
     * @param variance per-ray variance of the noise to add to the line integrals
     * @param normals  the slice's stream; one number is taken per ray in view-major order, before any parallel work
     * @return the noise image in value per mm (mu units), zero outside the FOV
     */
    public double[] reconstruct(Sinogram variance, GaussianSource normals) {
        double[] v = variance.data();
        double[] n = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            n[i] = Math.sqrt(v[i]) * normals.next();
        }
        return reconstructor.reconstruct(new Sinogram(variance.views(), variance.channels(), n), threads);
    }

    public ImageGrid grid() {
        return grid;
    }
}
