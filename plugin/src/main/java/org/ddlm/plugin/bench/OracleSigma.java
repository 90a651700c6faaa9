package org.ddlm.plugin.bench;

import org.ddlm.validation.metrics.BodyMask;
import org.ddlm.validation.metrics.HuImage;

/**
 * The true excess noise of a simulated low-dose slice (algorithms.md §6.2 check b): std(LD − ND) over the body
 * mask of the reference. Ablation only: a real input has no reference.
 */
public final class OracleSigma {
    private OracleSigma() {
    }

    public static double of(BenchSlice s) {
        double[] ref = new double[s.reference().length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = s.padding() != null && s.padding()[i] ? -1024.0 : s.reference()[i];
        }
        boolean[] body = BodyMask.fromReference(new HuImage(s.width(), s.height(), ref));
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int i = 0; i < ref.length; i++) {
            if (body[i]) {
                double d = (double) s.low()[i] - s.reference()[i];
                sum += d;
                sumSq += d * d;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(sumSq / n - mean * mean, 0.0));
    }
}
