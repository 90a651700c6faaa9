package org.ddlm.plugin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddlm.validation.baseline.GaussianFilter;
import org.ddlm.validation.baseline.TvDenoiser;

/**
 * The classical baselines of algorithms.md §6.8, each swept over its parameter list; the best parameter is the one
 * with the highest mean abdomen-window PSNR on the sample.
 */
public final class Baselines {
    private Baselines() {
    }

    /** What a classical filter does to one slice with one parameter value. */
    @FunctionalInterface
    public interface SliceFilter {
        float[] apply(BenchSlice s, double p);
    }

    /**
     * One classical filter with a parameter.
     *
     * @param method      the method name in the results
     * @param labelFormat how a parameter value is written in the results, a {@link String#format} pattern
     * @param filter      the filter itself
     */
    public record Filter(String method, String labelFormat, SliceFilter filter) {
        public String parameterLabel(double p) {
            return String.format(Locale.ROOT, labelFormat, p);
        }

        public float[] apply(BenchSlice s, double p) {
            return filter.apply(s, p);
        }
    }

    public static final Filter GAUSSIAN = new Filter("gaussian", "s=%s px",
            (s, p) -> GaussianFilter.apply(s.low().hu(), s.low().width(), s.low().height(), p));

    public static final Filter TV = new Filter("tv", "lambda=%s",
            (s, p) -> TvDenoiser.withDefaults(p).denoiseHu(s.low().hu(), s.low().width(), s.low().height()));

    /** Mean score and seconds per slice of one parameter of a sweep. */
    public record SweepPoint(double parameter, Score score, double secondsPerSlice) {
    }

    /** Every parameter of the sweep, in the order given. */
    public static List<SweepPoint> sweep(Filter filter, double[] parameters, List<BenchSlice> slices)
            throws BenchException {
        List<SweepPoint> out = new ArrayList<>();
        for (double p : parameters) {
            List<Score> scores = new ArrayList<>();
            long filtering = 0;
            for (BenchSlice s : slices) {
                long a = System.nanoTime();
                float[] result = filter.apply(s, p);
                filtering += System.nanoTime() - a;
                scores.add(Score.of(result, s));
            }
            out.add(new SweepPoint(p, Score.mean(scores), filtering / 1e9 / slices.size()));
        }
        return out;
    }

    /** The point with the highest mean abdomen PSNR (the first on ties). */
    public static SweepPoint best(List<SweepPoint> sweep) {
        SweepPoint best = sweep.get(0);
        for (SweepPoint p : sweep) {
            if (p.score().psnrAbdomen() > best.score().psnrAbdomen()) {
                best = p;
            }
        }
        return best;
    }
}
