package org.ddlm.validation.simulate;

import java.util.SplittableRandom;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;

/**
 * Simulates a lower-dose acquisition of a full-dose HU slice (metrics.md section 8): mu = mu_w (1 + HU/1000)
 * clamped at 0 with padding as vacuum; forward projection; per-ray Gaussian noise with the variance of
 * {@link NoiseModel#addedVariance}; FBP of the noise only; {@code HU_out = HU + 1000 dmu / mu_w}. Padding and
 * pixels outside the field of view are left unchanged.
 *
 * <p>The result depends only on the settings, the slice and its index; not on the thread count. Instances may be
 * shared between threads; the geometry set-up is cached for the last image grid.
 */
public final class DoseSimulator {

    private final DoseSettings settings;
    private final int threads;
    private Prepared prepared;

    /** @param threads worker threads (at least 1), e.g. {@code Runtime.getRuntime().availableProcessors()} */
    public DoseSimulator(DoseSettings settings, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.settings = settings;
        this.threads = threads;
    }

    public DoseSettings settings() {
        return settings;
    }

    /** Simulates slice {@code sliceIndex} (0-based position in the series, which selects its random stream). */
    public SimulatedSlice simulate(SpacedSlice slice, int sliceIndex) {
        SplittableRandom stream = SliceRandom.forSlice(settings.seed(), sliceIndex);
        ImageGrid grid = slice.grid();
        Prepared prep = prepare(grid);
        double[] mu = attenuation(slice.image(), settings.muWaterPerMm());
        Sinogram p = JosephProjector.project(mu, grid, prep.rays, threads);
        double[] variance = new double[p.data().length];
        long lowCount = 0;
        for (int i = 0; i < variance.length; i++) {
            double pi = p.data()[i];
            variance[i] = NoiseModel.addedVariance(pi, settings.dose(), settings.n0(), settings.sigmaE2());
            if (NoiseModel.isLowCount(pi, settings.dose(), settings.n0())) {
                lowCount++;
            }
        }
        double[] noiseMu = prep.noise.reconstruct(new Sinogram(p.views(), p.channels(), variance),
                new GaussianSource(stream));
        return combine(slice.image(), grid, noiseMu, p.data().length, lowCount, prep.fovRadius);
    }

    private SimulatedSlice combine(HuImage image, ImageGrid grid, double[] noiseMu, long rays, long lowCount,
                                   double fovRadius) {
        float[] in = image.hu();
        float[] out = new float[in.length];
        double toHu = 1000 / settings.muWaterPerMm();
        long body = 0;
        long bodyOutside = 0;
        double r2 = fovRadius * fovRadius;
        for (int row = 0; row < grid.height(); row++) {
            double y = grid.y(row);
            for (int col = 0; col < grid.width(); col++) {
                int i = row * grid.width() + col;
                double x = grid.x(col);
                boolean insideFov = x * x + y * y <= r2;
                if (image.isPadding(i)) {
                    out[i] = in[i];
                    continue;
                }
                if (in[i] > BodyMask.THRESHOLD_HU) { // a body pixel, as for the body mask
                    body++;
                    if (!insideFov) {
                        bodyOutside++;
                    }
                }
                out[i] = insideFov ? (float) (in[i] + toHu * noiseMu[i]) : in[i];
            }
        }
        return new SimulatedSlice(out, rays, lowCount, body, bodyOutside);
    }

    /** mu (1/mm) of each pixel: mu_w (1 + HU/1000), clamped at 0; padding is vacuum. */
    public static double[] attenuation(HuImage image, double muWaterPerMm) {
        float[] hu = image.hu();
        double[] mu = new double[hu.length];
        for (int i = 0; i < hu.length; i++) {
            mu[i] = image.isPadding(i) ? 0 : Math.max(0, muWaterPerMm * (1 + hu[i] / 1000.0));
        }
        return mu;
    }

    private synchronized Prepared prepare(ImageGrid grid) {
        if (prepared == null || !prepared.grid.equals(grid)) {
            ScanGeometry g = settings.geometry();
            prepared = new Prepared(grid, g.rays(grid),
                    new NoiseReconstruction(g, grid, settings.filter(), threads), g.fovRadiusMm(grid));
        }
        return prepared;
    }

    private record Prepared(ImageGrid grid, RaySet rays, NoiseReconstruction noise, double fovRadius) {
    }
}
