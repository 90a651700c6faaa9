package org.ddlm.plugin.bench;

import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.LocalNoise;
import org.ddlm.validation.baseline.GaussianFilter;

/**
 * The true excess noise of a simulated low-dose slice (algorithms.md §6.2 check b): std(LD − ND) over the body
 * mask of the reference. For benches, and for {@code ddlm noise --reference} on a user's own low-dose/full-dose
 * pair: denoising itself never sees a reference.
 */
public final class OracleSigma {
    private OracleSigma() {
    }

    /**
     * The excess noise as the robustness issue defines it: std(LD − ND) over soft tissue inside the body (body mask
     * of the reference, and the reference smoothed by a 2 px Gaussian between −200 and 300 HU).
     */
    public static double softTissue(BenchSlice s) {
        return softTissue(s.low(), s.reference());
    }

    /** As {@link #softTissue(BenchSlice)} for a low-dose slice and its full-dose reference on the same grid. */
    public static double softTissue(HuImage low, HuImage reference) {
        float[] ref = reference.filledCopy(HuImage.PADDING_FILL_HU);
        boolean[] body = BodyMask.of(reference);
        float[] smooth = GaussianFilter.apply(ref, reference.width(), reference.height(), 2.0);
        boolean[] soft = new boolean[ref.length];
        for (int i = 0; i < ref.length; i++) {
            // Soft tissue as the estimator defines it (fat to enhanced organs), here on the reference.
            soft[i] = body[i] && smooth[i] > LocalNoise.SOFT_TISSUE_LOW_HU && smooth[i] < LocalNoise.SOFT_TISSUE_HIGH_HU;
        }
        return std(low, reference, soft);
    }

    public static double of(BenchSlice s) {
        return std(s.low(), s.reference(), BodyMask.of(s.reference()));
    }

    private static double std(HuImage low, HuImage reference, boolean[] body) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i]) {
                double d = (double) low.hu()[i] - reference.hu()[i];
                sum += d;
                sumSq += d * d;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(sumSq / n - mean * mean, 0.0));
    }
}
