package org.ddlm.validation.simulate;

import java.util.Locale;

/**
 * Equiangular (curved detector) fan-beam scan over 2 pi, detector centred with no quarter offset.
 * Conventions (metrics.md section 8): source at {@code D (-sin beta, cos beta)}; the ray at fan angle gamma is the
 * line {@code x cos(theta) + y sin(theta) = s} with {@code theta = beta + gamma}, {@code s = D sin(gamma)}.
 *
 * @param sourceToIsocentreMm D
 * @param sourceToDetectorMm  source to detector distance; with the channel width it sets the angular step
 * @param channels            detector channels
 * @param channelWidthMm      channel pitch at the detector
 * @param views               source positions over 2 pi
 */
public record FanBeamGeometry(double sourceToIsocentreMm, double sourceToDetectorMm, int channels,
                              double channelWidthMm, int views) implements ScanGeometry {

    public FanBeamGeometry {
        if (!(sourceToIsocentreMm > 0) || !(sourceToDetectorMm > sourceToIsocentreMm)) {
            throw new IllegalArgumentException("need 0 < source-to-isocentre < source-to-detector, got "
                    + sourceToIsocentreMm + " and " + sourceToDetectorMm + " mm");
        }
        if (channels < 2 || views < 2 || !(channelWidthMm > 0)) {
            throw new IllegalArgumentException("need at least 2 channels and views and a positive channel width");
        }
        if ((channels - 1) / 2.0 * channelWidthMm / sourceToDetectorMm >= Math.PI / 2) {
            throw new IllegalArgumentException("fan angle must stay below 180 degrees");
        }
    }

    /**
     * Siemens-Definition-like values given for the Mayo/TCIA LDCT projection data (secondary source): D = 595 mm,
     * source-to-detector 1085.6 mm, 736 channels of 1.2858 mm, 1152 views; FOV about 502 mm.
     */
    public static FanBeamGeometry defaults() {
        return new FanBeamGeometry(595.0, 1085.6, 736, 1.2858, 1152);
    }

    /** Angular channel step (rad). */
    public double fanAngleStep() {
        return channelWidthMm / sourceToDetectorMm;
    }

    /** Fan angle (rad) of channel {@code ch}; zero lies midway between the two central channels when even. */
    public double fanAngle(int ch) {
        return (ch - (channels - 1) / 2.0) * fanAngleStep();
    }

    /** Fan angle of the outermost channel. */
    public double maxFanAngle() {
        return (channels - 1) / 2.0 * fanAngleStep();
    }

    /** Source angle beta (rad) of view {@code view}. */
    public double sourceAngle(int view) {
        return 2 * Math.PI * view / views;
    }

    @Override
    public double fovRadiusMm(ImageGrid grid) {
        return sourceToIsocentreMm * Math.sin(maxFanAngle());
    }

    @Override
    public RaySet rays(ImageGrid grid) {
        // the ray at fan angle gamma of the view at source angle beta: theta = beta + gamma, s = R sin(gamma)
        return RaySet.of(views, channels, (v, c) -> sourceAngle(v) + fanAngle(c),
                (v, c) -> sourceToIsocentreMm * Math.sin(fanAngle(c)));
    }

    @Override
    public Reconstructor reconstructor(ImageGrid grid, ReconFilter filter) {
        return new FanBeamFbp(this, grid, filter);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "fan-beam equiangular (source-isocentre %s mm, source-detector %s mm, %d channels x %s mm, %d views over 360 deg)",
                DoseSettings.number(sourceToIsocentreMm), DoseSettings.number(sourceToDetectorMm), channels,
                DoseSettings.number(channelWidthMm), views);
    }
}
