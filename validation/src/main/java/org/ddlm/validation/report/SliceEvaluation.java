package org.ddlm.validation.report;

import java.util.List;

/**
 * All measurements of one slice pair.
 *
 * @param rows         one per report window, in window order
 * @param masked       whether the body mask was used
 * @param maskFraction fraction of pixels in the mask (NaN when unmasked)
 * @param noiseTest    ROI SD of the test slice, HU (NaN without a ROI)
 * @param noiseRef     ROI SD of the reference, HU
 * @param noiseInput   ROI SD of the input, HU (NaN without input or ROI)
 */
public record SliceEvaluation(int index, double zMm, Integer instanceNumber, String testUid, String refUid,
                              Integer clampedPixels, List<WindowRow> rows, boolean masked, double maskFraction,
                              double noiseTest, double noiseRef, double noiseInput) {

    public WindowRow row(int window) {
        return rows.get(window);
    }
}
