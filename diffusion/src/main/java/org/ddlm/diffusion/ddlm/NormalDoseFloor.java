package org.ddlm.diffusion.ddlm;

import java.util.Locale;

/**
 * The normal-dose noise taken off a slice's total noise before its excess is read (algorithms.md §6.2 step 4), and
 * its HH level for the texture. By default it is the prior's own level σ_ref, scaled to the slice's thickness
 * and capped at total·√½ because the input is at most 50 % dose ({@link #MAX_SHARE}). One image cannot tell the
 * series' own normal-dose noise from the excess (a sharp 1 mm kernel carries 19 HU at full dose, a head protocol
 * 3 HU), so a user who has measured it on a normal-dose scan of the same protocol may give it: then it is taken off as
 * it is, uncapped and unscaled.
 *
 * @param priorTotal       σ_ref in HU: the total-noise measure of the prior's normal-dose training data (0: none)
 * @param priorHh          σ_ref,HH in HU: their HH level
 * @param priorThicknessMm the slice thickness σ_ref holds at (mm), NaN when the calibration does not say
 * @param thicknessMm      the slice's thickness (mm), NaN when unknown
 * @param seriesTotal      the series' own normal-dose noise in HU (same measure), or NaN when not given
 */
public record NormalDoseFloor(double priorTotal, double priorHh, double priorThicknessMm, double thicknessMm,
                              double seriesTotal) {

    /**
     * The prior's floor is at most this share of the slice's total noise, √½: at ≤ 50 % dose with the same texture
     * the excess variance is at least the floor's. Without it a series quieter than the prior's data (the bench's head,
     * 3.4 HU) read as no excess at all and was returned unchanged at 50 % dose. Only slices with a total below
     * √2·σ_ref (14 HU at the default prior's 5 mm) are affected.
     */
    public static final double MAX_SHARE = Math.sqrt(0.5);
    /**
     * Slice thicknesses are clamped to [this, {@link #MAX_THICKNESS_MM}] before scaling, so a header of 0.1 mm or
     * 50 mm cannot move the floor by more than a factor of about 3.
     */
    public static final double MIN_THICKNESS_MM = 0.5;
    public static final double MAX_THICKNESS_MM = 10.0;

    public NormalDoseFloor {
        if (!(priorTotal >= 0.0) || !(priorHh >= 0.0) || !(Double.isNaN(seriesTotal) || seriesTotal >= 0.0)
                || Double.isInfinite(seriesTotal) || !unknownOrPositive(priorThicknessMm)
                || !unknownOrPositive(thicknessMm)) {
            throw new IllegalArgumentException("need prior levels >= 0, a series level >= 0 (or NaN) and thicknesses "
                    + "> 0 (or NaN), got " + priorTotal + ", " + priorHh + ", " + priorThicknessMm + ", "
                    + thicknessMm + ", " + seriesTotal);
        }
    }

    private static boolean unknownOrPositive(double mm) {
        return Double.isNaN(mm) || (mm > 0.0 && Double.isFinite(mm));
    }

    /** The prior's floor, capped per slice, not scaled by thickness. */
    public static NormalDoseFloor ofPrior(double priorTotal, double priorHh) {
        return ofPrior(priorTotal, priorHh, Double.NaN);
    }

    /** The prior's floor, capped per slice, holding at slices {@code priorThicknessMm} thick (NaN: not scaled). */
    public static NormalDoseFloor ofPrior(double priorTotal, double priorHh, double priorThicknessMm) {
        return new NormalDoseFloor(priorTotal, priorHh, priorThicknessMm, Double.NaN, Double.NaN);
    }

    /** This floor with the series' own normal-dose level {@code hu} given, or unchanged for null. */
    public NormalDoseFloor withSeriesLevel(Double hu) {
        if (hu == null) {
            return this;
        }
        if (!(hu >= 0.0) || !Double.isFinite(hu)) {
            throw new IllegalArgumentException("the normal-dose noise must be finite and >= 0 HU, got " + hu);
        }
        return new NormalDoseFloor(priorTotal, priorHh, priorThicknessMm, thicknessMm, hu);
    }

    /** This floor for slices {@code mm} thick (NaN: unknown, the prior's level as it is). */
    public NormalDoseFloor withThickness(double mm) {
        return new NormalDoseFloor(priorTotal, priorHh, priorThicknessMm, mm, seriesTotal);
    }

    public boolean seriesGiven() {
        return !Double.isNaN(seriesTotal);
    }

    /**
     * σ_ref's factor for this slice thickness, √(t_ref/t) with t clamped: at the same dose and kernel the noise
     * variance of a reconstructed slice goes as 1/thickness (the prior data's 1 mm series measured 19.4 HU where
     * its 5 mm body series measured 8.3-12.8). 1 when either thickness is unknown.
     */
    public double thicknessScale() {
        if (Double.isNaN(priorThicknessMm) || Double.isNaN(thicknessMm)) {
            return 1.0;
        }
        double t = Math.min(MAX_THICKNESS_MM, Math.max(MIN_THICKNESS_MM, thicknessMm));
        return Math.sqrt(priorThicknessMm / t);
    }

    /** The prior's level at this slice thickness (HU), before the per-slice cap. */
    public double priorLevel() {
        return priorTotal * thicknessScale();
    }

    /** The floor (HU) taken off a slice of total noise {@code sliceTotal}. */
    public double total(double sliceTotal) {
        return seriesGiven() ? seriesTotal : Math.min(priorLevel(), sliceTotal * MAX_SHARE);
    }

    /**
     * True when the cap decides the floor of a slice of total noise {@code sliceTotal}: the slice is quieter than √2
     * times the prior's level at its thickness, so its excess rests on the assumption of at most 50 % dose rather than
     * on a normal-dose level, and may be off by up to 2x either way (the protocol's own normal-dose noise is unknown).
     * Never with a given level.
     */
    public boolean capped(double sliceTotal) {
        return !seriesGiven() && sliceTotal * MAX_SHARE < priorLevel();
    }

    /** The floor's HH level: the prior data's HH-to-total ratio at the floor's level (its texture is not measured). */
    public double hh(double floorTotal) {
        return priorTotal > 0.0 ? priorHh * floorTotal / priorTotal : priorHh;
    }

    /** For DerivationDescription: what was taken off (the rule; each slice's record gives the floor it got). */
    public String describe() {
        if (seriesGiven()) {
            return String.format(Locale.ROOT, "less the series' normal-dose noise %.2f HU (given), its HH level "
                    + "%.2f HU (the prior data's share)", seriesTotal, hh(seriesTotal));
        }
        if (Double.isNaN(priorThicknessMm)) {
            return String.format(Locale.ROOT, "less sigma_ref %.2f HU (at most total/sqrt 2), sigma_ref,HH %.2f HU",
                    priorTotal, priorHh);
        }
        return String.format(Locale.ROOT, "less sigma_ref %.2f HU at %.1f mm slices x sqrt(%.1f mm / each slice's "
                + "thickness) (at most total/sqrt 2), sigma_ref,HH %.2f HU in proportion", priorTotal,
                priorThicknessMm, priorThicknessMm, priorHh);
    }
}
