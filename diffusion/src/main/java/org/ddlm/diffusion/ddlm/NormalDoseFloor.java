package org.ddlm.diffusion.ddlm;

import java.util.Locale;

/**
 * The normal-dose noise taken off a slice's total noise before its excess is read (algorithms.md §6.2 step 4), and
 * its HH level for the texture. By default it is the prior's own level σ_ref, capped at total·√½ because the input is
 * at most 50 % dose ({@link #MAX_SHARE}). One image cannot tell the series' own normal-dose noise from the excess
 * (a sharp 1 mm kernel carries 19 HU at full dose, a head protocol 3 HU), so a user who has measured it on a
 * normal-dose scan of the same protocol may give it: then it is taken off as it is, uncapped.
 *
 * @param priorTotal  σ_ref in HU: the total-noise measure of the prior's normal-dose training data (0: none)
 * @param priorHh     σ_ref,HH in HU: their HH level
 * @param seriesTotal the series' own normal-dose noise in HU (same measure), or NaN when not given
 */
public record NormalDoseFloor(double priorTotal, double priorHh, double seriesTotal) {

    /**
     * The prior's floor is at most this share of the slice's total noise, √½: at ≤ 50 % dose with the same texture
     * the excess variance is at least the floor's. Without it a series quieter than the prior's data (the bench's head,
     * 3.4 HU) read as no excess at all and was returned unchanged at 50 % dose. Only slices with a total below
     * √2·σ_ref (14 HU) are affected.
     */
    public static final double MAX_SHARE = Math.sqrt(0.5);

    public NormalDoseFloor {
        if (!(priorTotal >= 0.0) || !(priorHh >= 0.0) || !(Double.isNaN(seriesTotal) || seriesTotal >= 0.0)
                || Double.isInfinite(seriesTotal)) {
            throw new IllegalArgumentException("need prior levels >= 0 and a series level >= 0 (or NaN), got "
                    + priorTotal + ", " + priorHh + ", " + seriesTotal);
        }
    }

    /** The prior's floor, capped per slice. */
    public static NormalDoseFloor ofPrior(double priorTotal, double priorHh) {
        return new NormalDoseFloor(priorTotal, priorHh, Double.NaN);
    }

    /** This floor with the series' own normal-dose level {@code hu} given, or unchanged for null. */
    public NormalDoseFloor withSeriesLevel(Double hu) {
        if (hu == null) {
            return this;
        }
        if (!(hu >= 0.0) || !Double.isFinite(hu)) {
            throw new IllegalArgumentException("the normal-dose noise must be finite and >= 0 HU, got " + hu);
        }
        return new NormalDoseFloor(priorTotal, priorHh, hu);
    }

    public boolean seriesGiven() {
        return !Double.isNaN(seriesTotal);
    }

    /** The floor (HU) taken off a slice of total noise {@code sliceTotal}. */
    public double total(double sliceTotal) {
        return seriesGiven() ? seriesTotal : Math.min(priorTotal, sliceTotal * MAX_SHARE);
    }

    /** The floor's HH level: the prior data's HH-to-total ratio at the floor's level (its texture is not measured). */
    public double hh(double floorTotal) {
        return priorTotal > 0.0 ? priorHh * floorTotal / priorTotal : priorHh;
    }

    /** For DerivationDescription: what was taken off. */
    public String describe() {
        return seriesGiven()
                ? String.format(Locale.ROOT, "less the series' normal-dose noise %.2f HU (given), its HH level "
                        + "%.2f HU (the prior data's share)", seriesTotal, hh(seriesTotal))
                : String.format(Locale.ROOT, "less sigma_ref %.2f HU (at most total/sqrt 2), sigma_ref,HH %.2f HU",
                        priorTotal, priorHh);
    }
}
