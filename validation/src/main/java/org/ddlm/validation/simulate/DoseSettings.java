package org.ddlm.validation.simulate;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Everything that determines a simulated low-dose slice, apart from the input and the slice index.
 *
 * @param dose          dose fraction a in (0, 1]; 1 adds nothing
 * @param n0            incident photons per ray per view at full dose
 * @param sigmaE2       electronic noise variance (counts^2)
 * @param seed          random seed; slice i uses the (i+1)-th split of {@code new SplittableRandom(seed)}
 * @param muWaterPerMm  linear attenuation of water (1/mm) for HU to mu
 * @param geometry      scan geometry of the projection and reconstruction
 * @param filter        FBP window for the reconstructed noise
 */
public record DoseSettings(double dose, double n0, double sigmaE2, long seed, double muWaterPerMm,
                           ScanGeometry geometry, ReconFilter filter) {

    /** Below 0.1 % of the dose the projections hold almost no photons and the Gaussian noise model fails. */
    public static final double MIN_DOSE = 0.001;
    /** Dose fraction a = 0.25 (metrics.md section 8 defaults). */
    public static final double DEFAULT_DOSE = 0.25;
    /** N0 = 2.5e5 photons per ray per view at full dose (plausible literature value, not verified). */
    public static final double DEFAULT_N0 = 2.5e5;
    /** sigma_e^2 = 10 counts^2 (plausible literature value, not verified). */
    public static final double DEFAULT_SIGMA_E2 = 10;
    /** Water at a 70 keV effective energy, log-log interpolated in the NIST table (0.1937 cm^2/g). */
    public static final double DEFAULT_MU_WATER = 0.0194;

    public DoseSettings {
        if (!(dose >= MIN_DOSE && dose <= 1)) {
            throw new IllegalArgumentException("dose fraction must be in [" + MIN_DOSE + ", 1], got " + dose);
        }
        if (!(n0 > 0) || Double.isInfinite(n0)) {
            throw new IllegalArgumentException("N0 (incident photons per ray) must be positive and finite, got " + n0);
        }
        if (!(sigmaE2 >= 0) || Double.isInfinite(sigmaE2)) {
            throw new IllegalArgumentException("electronic noise variance sigma_e^2 must be >= 0 and finite, got " + sigmaE2);
        }
        if (!(muWaterPerMm > 0) || Double.isInfinite(muWaterPerMm)) {
            throw new IllegalArgumentException("mu_water must be positive (1/mm), got " + muWaterPerMm);
        }
        if (geometry == null || filter == null) {
            throw new IllegalArgumentException("geometry and filter are required");
        }
    }

    /** The documented defaults with the given seed: a = 0.25, N0 = 2.5e5, sigma_e^2 = 10, fan beam, Hann. */
    public static DoseSettings defaults(long seed) {
        return new DoseSettings(DEFAULT_DOSE, DEFAULT_N0, DEFAULT_SIGMA_E2, seed, DEFAULT_MU_WATER,
                FanBeamGeometry.defaults(), ReconFilter.HANN);
    }

    public DoseSettings withDose(double newDose) {
        return new DoseSettings(newDose, n0, sigmaE2, seed, muWaterPerMm, geometry, filter);
    }

    public DoseSettings withN0(double newN0) {
        return new DoseSettings(dose, newN0, sigmaE2, seed, muWaterPerMm, geometry, filter);
    }

    public DoseSettings withSigmaE2(double newSigmaE2) {
        return new DoseSettings(dose, n0, newSigmaE2, seed, muWaterPerMm, geometry, filter);
    }

    public DoseSettings withSeed(long newSeed) {
        return new DoseSettings(dose, n0, sigmaE2, newSeed, muWaterPerMm, geometry, filter);
    }

    public DoseSettings withGeometry(ScanGeometry newGeometry) {
        return new DoseSettings(dose, n0, sigmaE2, seed, muWaterPerMm, newGeometry, filter);
    }

    public DoseSettings withFilter(ReconFilter newFilter) {
        return new DoseSettings(dose, n0, sigmaE2, seed, muWaterPerMm, geometry, newFilter);
    }

    /**
     * One line listing every setting, for DICOM DerivationDescription (ST, at most 1024 characters). Numbers are
     * written exactly (shortest decimal that round-trips), so the line reproduces the run.
     */
    public String describe() {
        return String.format(Locale.ROOT,
                "Simulated low dose by ddlm: projection-domain noise insertion; dose fraction %s; N0 %s photons/ray; "
                        + "sigma_e^2 %s; seed %d; mu_water %s /mm; %s; noise-only FBP, %s filter",
                number(dose), number(n0), number(sigmaE2), seed, number(muWaterPerMm), geometry.describe(),
                filter.cliName());
    }

    /** Shortest round-tripping decimal without exponent noise for ordinary values, e.g. 250000, 0.25, 1085.6. */
    static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
