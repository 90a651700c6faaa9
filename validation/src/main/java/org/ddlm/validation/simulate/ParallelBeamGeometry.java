package org.ddlm.validation.simulate;

import java.util.Locale;

/**
 * Parallel-beam scan over [0, pi): {@code ceil(sqrt(2) max(rows, cols)) + 2} bins at the pixel size, centred, so
 * that every pixel of the image is covered.
 *
 * @param views projection angles over [0, pi)
 */
public record ParallelBeamGeometry(int views) implements ScanGeometry {

    public ParallelBeamGeometry {
        if (views < 2) {
            throw new IllegalArgumentException("need at least 2 views, got " + views);
        }
    }

    public static ParallelBeamGeometry defaults() {
        return new ParallelBeamGeometry(1152);
    }

    public int bins(ImageGrid grid) {
        return (int) Math.ceil(Math.sqrt(2) * Math.max(grid.width(), grid.height())) + 2;
    }

    /** Bin spacing: the larger pixel size, so the bins cover the image diagonal even for non-square pixels. */
    public double binSpacingMm(ImageGrid grid) {
        return Math.max(grid.dxMm(), grid.dyMm());
    }

    public double binPosition(ImageGrid grid, int bin) {
        return (bin - (bins(grid) - 1) / 2.0) * binSpacingMm(grid);
    }

    public double angle(int view) {
        return Math.PI * view / views;
    }

    @Override
    public double fovRadiusMm(ImageGrid grid) {
        return (bins(grid) - 1) / 2.0 * binSpacingMm(grid);
    }

    @Override
    public RaySet rays(ImageGrid grid) {
        return RaySet.of(views, bins(grid), (v, b) -> angle(v), (v, b) -> binPosition(grid, b));
    }

    @Override
    public Reconstructor reconstructor(ImageGrid grid, ReconFilter filter) {
        return new ParallelBeamFbp(this, grid, filter);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "parallel-beam (%d views over 180 deg, bins at pixel size)", views);
    }
}
