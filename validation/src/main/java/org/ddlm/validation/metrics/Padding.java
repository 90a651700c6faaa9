package org.ddlm.validation.metrics;

/** The padding rule of metrics.md section 1: padding in either image becomes -1024 HU in both. */
public final class Padding {

    public static final double PADDING_HU = -1024.0;

    private Padding() {
    }

    /** A pair of images with the rule applied; the inputs are not changed. Null masks mean "no padding". */
    public record Pair(HuImage test, HuImage reference) {
    }

    public static Pair apply(HuImage test, HuImage reference, boolean[] testPadding, boolean[] refPadding)
            throws MetricException {
        if (!test.sameGrid(reference)) {
            throw new MetricException("images differ in size: " + test.width() + "x" + test.height() + " vs "
                    + reference.width() + "x" + reference.height() + "; resample first");
        }
        if ((testPadding != null && testPadding.length != test.size())
                || (refPadding != null && refPadding.length != reference.size())) {
            throw new IllegalArgumentException("padding mask size does not match the image");
        }
        double[] t = test.pixels().clone();
        double[] r = reference.pixels().clone();
        for (int i = 0; i < t.length; i++) {
            if ((testPadding != null && testPadding[i]) || (refPadding != null && refPadding[i])) {
                t[i] = PADDING_HU;
                r[i] = PADDING_HU;
            }
        }
        return new Pair(new HuImage(test.width(), test.height(), t),
                new HuImage(reference.width(), reference.height(), r));
    }
}
