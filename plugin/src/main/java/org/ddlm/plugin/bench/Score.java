package org.ddlm.plugin.bench;

import java.util.List;
import org.ddlm.validation.metrics.MetricException;
import org.ddlm.validation.metrics.Padding;
import org.ddlm.validation.metrics.PairMeasure;
import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;

/**
 * PSNR and SSIM of one image against the full-dose reference in the abdomen (W400/L50) and wide (W2000/L0)
 * windows, whole image, padding rule of metrics.md section 1 (as {@code ddlm validate} without a mask).
 */
public record Score(double psnrAbdomen, double ssimAbdomen, double psnrWide, double ssimWide) {

    public static Score of(float[] test, BenchSlice slice) throws BenchException {
        try {
            Padding.Pair p = Padding.apply(slice.low().withHu(test), slice.reference());
            PairMetrics a = PairMeasure.measure(p.test(), p.reference(), Window.ABDOMEN, null);
            PairMetrics w = PairMeasure.measure(p.test(), p.reference(), Window.WIDE, null);
            return new Score(a.psnrDb(), a.ssim(), w.psnrDb(), w.ssim());
        } catch (MetricException e) {
            throw new BenchException(slice.sample() + " slice " + slice.index() + ": " + e.getMessage(), e);
        }
    }

    /** Mean of each metric over slices. */
    public static Score mean(List<Score> scores) {
        double pa = 0;
        double sa = 0;
        double pw = 0;
        double sw = 0;
        for (Score s : scores) {
            pa += s.psnrAbdomen;
            sa += s.ssimAbdomen;
            pw += s.psnrWide;
            sw += s.ssimWide;
        }
        int n = scores.size();
        return new Score(pa / n, sa / n, pw / n, sw / n);
    }
}
