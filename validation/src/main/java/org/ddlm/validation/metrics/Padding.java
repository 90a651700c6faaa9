package org.ddlm.validation.metrics;

import org.ddlm.core.HuImage;

/** The padding rule of metrics.md section 1: padding in either image becomes -1024 HU in both. */
public final class Padding {

    private Padding() {
    }

    /** A pair of images with the rule applied (they carry no padding mask any more); the inputs are not changed. */
    public record Pair(HuImage test, HuImage reference) {
    }

    /** Applies the rule with each image's own padding mask. */
    public static Pair apply(HuImage test, HuImage reference) throws MetricException {
        if (!test.sameGrid(reference)) {
            throw new MetricException("images differ in size: " + test.width() + "x" + test.height() + " vs "
                    + reference.width() + "x" + reference.height() + "; resample first");
        }
        float[] t = test.hu().clone();
        float[] r = reference.hu().clone();
        for (int i = 0; i < t.length; i++) {
            if (test.isPadding(i) || reference.isPadding(i)) {
                t[i] = HuImage.PADDING_FILL_HU;
                r[i] = HuImage.PADDING_FILL_HU;
            }
        }
        return new Pair(new HuImage(test.width(), test.height(), t),
                new HuImage(reference.width(), reference.height(), r));
    }
}
