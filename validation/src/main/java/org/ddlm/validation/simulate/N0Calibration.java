package org.ddlm.validation.simulate;

/**
 * Calibrates N0 against the noise already in a full-dose image (metrics.md section 8). The added variance scales as
 * 1/N0, and a real scan at fraction a would show total noise {@code sigma_full / sqrt(a)}, so
 * {@code N0_cal = N0 a sigma_add^2 / ((1 - a) sigma_full^2)} makes {@code sigma_full^2 + sigma_add^2} equal that.
 * Exact without electronic noise; with it, a good first step.
 */
public final class N0Calibration {

    private N0Calibration() {
    }

    /**
     * @param n0        N0 used for the simulation that gave {@code addedSd}
     * @param dose      its dose fraction, in (0, 1)
     * @param addedSd   SD of (simulated - full dose) in a uniform ROI
     * @param fullSd    SD of the full-dose image in the same ROI
     */
    public static double fromNoise(double n0, double dose, double addedSd, double fullSd) {
        if (!(dose > 0 && dose < 1)) {
            throw new IllegalArgumentException("calibration needs a dose fraction below 1, got " + dose);
        }
        if (!(fullSd > 0)) {
            throw new IllegalArgumentException("the full-dose ROI has no noise (SD " + fullSd
                    + "); choose a uniform region inside the body");
        }
        return n0 * dose * addedSd * addedSd / ((1 - dose) * fullSd * fullSd);
    }

    /**
     * Simulates {@code fullDose} with {@code settings} once and returns N0_cal from a centred circular ROI (a
     * phantom's uniform centre; for patients pick the ROI in a uniform organ and use {@link #fromNoise}).
     */
    public static double calibrate(SpacedSlice fullDose, int sliceIndex, DoseSettings settings, double roiRadiusMm,
                                   int threads) {
        float[] sim = new DoseSimulator(settings, threads).simulate(fullDose, sliceIndex).hu();
        float[] added = new float[sim.length];
        for (int i = 0; i < sim.length; i++) {
            added[i] = sim[i] - fullDose.image().hu()[i];
        }
        double addedSd = NoiseVersusCurrent.centredRoi(added, fullDose, roiRadiusMm).sd();
        double fullSd = NoiseVersusCurrent.centredRoi(fullDose.image().hu(), fullDose, roiRadiusMm).sd();
        return fromNoise(settings.n0(), settings.dose(), addedSd, fullSd);
    }
}
