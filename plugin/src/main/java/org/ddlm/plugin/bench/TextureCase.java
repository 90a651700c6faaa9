package org.ddlm.plugin.bench;

import org.ddlm.diffusion.ddlm.NormalDoseFloor;

/**
 * One case of the texture x dose bench: a normal-dose series made low dose with one reconstruction filter, geometry
 * and dose (or with its own noise texture at one dose), over its bench slices. Scores are slice means; the baselines
 * at their best parameter for this case.
 *
 * @param series          the normal-dose series (folder name)
 * @param texture         filter/geometry, e.g. "hann/fan", or "own-texture"
 * @param dose            dose fraction
 * @param pixelMm         pixel spacing (mm)
 * @param slices          slices measured
 * @param trueSigma       mean over slices of std(LD − ND) over soft tissue inside the body (HU)
 * @param estimate        mean σ̂_n (HU)
 * @param worstError      largest |σ̂_n/σ_true − 1| over the slices
 * @param within15        slices with the estimate within ±15 %
 * @param sharpness       mean measured sharpness
 * @param timeFactor      mean c_t used
 * @param input           the low-dose input
 * @param ddlm            ddlm with its defaults (checked)
 * @param worseSlices     slices whose ddlm PSNR is below their input PSNR
 * @param flagged         slices the check flagged (kept as input)
 * @param retried         slices denoised a second time
 * @param gaussian        best Gaussian
 * @param gaussianLabel   its parameter
 * @param tv              best TV
 * @param tvLabel         its parameter
 * @param reference       the 100-step DDIM reference at the same start, or null when not run
 * @param total           the estimator's own quantity, the total noise, against its truth
 * @param floorCapped     slices whose normal-dose floor was capped at total/√2 (their level marked uncertain, as
 *                        {@code ddlm denoise} marks it)
 * @param effectiveDose   mean over slices of n²/(n² + σ_true²), n the normal-dose slice's own noise: the dose
 *                        fraction of the scan's own dose that adds this much noise of its own texture. The
 *                        simulator's dose is relative to its fixed photon count, so a series noisier than that
 *                        (LIDC's 1 mm D kernel) gets less excess at "50 %" than a real half dose would. Own-texture
 *                        cases are at their nominal dose by construction
 */
public record TextureCase(String series, String texture, double dose, double pixelMm, int slices, double trueSigma,
                          double estimate, double worstError, int within15, double sharpness, double timeFactor,
                          Score input, Score ddlm, int worseSlices, int flagged, int retried, Score gaussian,
                          String gaussianLabel, Score tv, String tvLabel, Score reference, TotalNoise total,
                          int floorCapped, double effectiveDose) {

    /**
     * The estimator assumes at most this effective dose, 50 %: its floor is at most {@link NormalDoseFloor#MAX_SHARE}
     * of the total noise, so the floor's share of the variance at most MAX_SHARE². Above it the excess is smaller
     * than a normal-dose noise that one image does not reveal, and a few per cent of error in that noise moves the
     * excess by tens.
     */
    public static final double MAX_STATED_EFFECTIVE_DOSE = NormalDoseFloor.MAX_SHARE * NormalDoseFloor.MAX_SHARE;

    /** True when the case is within the dose range the estimator is stated for (effective dose at most 50 %). */
    public boolean withinStatedDose() {
        return effectiveDose <= MAX_STATED_EFFECTIVE_DOSE;
    }

    /**
     * What the estimator measures before the normal-dose part is taken off. The excess estimate assumes every series
     * starts from the prior's normal-dose noise (sigma_ref); a series whose own normal-dose noise differs moves the
     * excess but not the total, so both are reported.
     *
     * @param normalDoseHu the same estimator on the normal-dose slices (mean, HU)
     * @param trueHu       sqrt(trueSigma^2 + normal-dose noise^2) per slice, mean (the simulator adds independent noise)
     * @param estimateHu   the estimator's total on the low-dose slices (mean)
     * @param within15     slices with the total within +-15 %
     */
    public record TotalNoise(double normalDoseHu, double trueHu, double estimateHu, int within15) {
    }

    public double gain() {
        return ddlm.psnrAbdomen() - input.psnrAbdomen();
    }
}
