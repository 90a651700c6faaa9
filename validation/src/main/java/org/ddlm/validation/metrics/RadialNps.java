package org.ddlm.validation.metrics;

/**
 * The radially averaged NPS.
 *
 * @param frequency  bin centres, cycles/mm
 * @param nps        mean NPS per bin, HU^2 mm^2 (NaN for an empty bin)
 * @param count      2-D samples per bin
 * @param normalised nNPS = NPS / integral of the 2-D NPS, mm^2
 * @param fPeak      centre of the bin with the largest NPS
 * @param fMean      sum f NPS_r / sum NPS_r over the bins
 */
public record RadialNps(double[] frequency, double[] nps, int[] count, double[] normalised, double fPeak,
                        double fMean) {
}
