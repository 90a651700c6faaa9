package org.ddlm.diffusion.ddlm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.ddlm.core.Progress;

/**
 * DDLM with the safety check on every slice ({@link SliceCheck}): a slice that fails is denoised again from a lower
 * start (c_t times {@value #RETRY_FACTOR}); if that fails too, the input itself is returned and the slice is flagged.
 * No slice is ever silently made worse: the worst outcome is the input, marked as such.
 */
public final class CheckedDenoiser {

    /** The retry starts from this fraction of the first start level. */
    public static final double RETRY_FACTOR = 0.5;

    /**
     * One slice's outcome.
     *
     * @param hu         what to write: the accepted output, or the input when flagged
     * @param sigmaNHu   the excess level used
     * @param timeFactor c_t of the accepted attempt (of the last one when flagged)
     * @param match      t* of that attempt
     * @param unchanged  below the prior's range: returned as is without sampling (not flagged)
     * @param verdict    the last check (null when unchanged)
     * @param attempts   sampling runs made (0, 1 or 2)
     * @param flagged    both attempts failed; {@code hu} is the input
     * @param evaluations network passes this slice took over its attempts (forwards and VJPs, all views/members)
     * @param spread     per-pixel std (HU) across the views/members of the last attempt (zeros when not sampled)
     */
    public record Checked(float[] hu, double sigmaNHu, double timeFactor, TimeMatch match, boolean unchanged,
                          SliceCheck.Verdict verdict, int attempts, boolean flagged, long evaluations, float[] spread) {
    }

    private final DdlmDenoiser denoiser;
    private final IntFunction<SliceCheck> checkOfSlice;

    /**
     * @param checkOfSlice the check of each input by its {@link DdlmInput#sliceIndex()} (its floor at that slice's
     *                     thickness)
     */
    public CheckedDenoiser(DdlmDenoiser denoiser, IntFunction<SliceCheck> checkOfSlice) {
        this.denoiser = denoiser;
        this.checkOfSlice = checkOfSlice;
    }

    /**
     * Every input with its σ_n given (not NaN); c_t per input or the settings'. The inputs are one batch (and the
     * retries another); {@code cancel} is only polled, it is told nothing.
     */
    public List<Checked> denoise(List<DdlmInput> inputs, Progress cancel) {
        Progress polled = cancel == null ? Progress.NONE : Progress.of(Progress.NONE, cancel::isCancelled);
        long perSlice = denoiser.settings().elementsPerSlice();
        long before = passes();
        List<DdlmOutput> first = denoiser.denoise(inputs, polled);
        // The counter counts batched passes; every sampled element took each of them.
        long firstCost = (passes() - before) * perSlice;
        Checked[] out = new Checked[inputs.size()];
        List<Integer> retry = new ArrayList<>();
        List<DdlmInput> retryInputs = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            DdlmInput in = inputs.get(k);
            DdlmOutput o = first.get(k);
            double factor = factor(in);
            if (o.unchanged()) {
                out[k] = new Checked(o.hu(), o.sigmaNHu(), factor, o.match(), true, null, 0, false, 0, o.spread());
                continue;
            }
            SliceCheck.Verdict v = checkOfSlice.apply(in.sliceIndex()).check(in.slice(), o.hu());
            out[k] = new Checked(o.hu(), o.sigmaNHu(), factor, o.match(), false, v, 1, false, firstCost, o.spread());
            if (!v.passed()) {
                retry.add(k);
                retryInputs.add(new DdlmInput(in.slice(), in.seriesUid(), in.sliceIndex(), o.sigmaNHu(),
                        factor * RETRY_FACTOR));
            }
        }
        if (!retry.isEmpty()) {
            long mark = passes();
            List<DdlmOutput> second = denoiser.denoise(retryInputs, polled);
            long secondCost = (passes() - mark) * perSlice;
            for (int j = 0; j < retry.size(); j++) {
                int k = retry.get(j);
                DdlmInput in = retryInputs.get(j);
                DdlmOutput o = second.get(j);
                if (o.unchanged()) {
                    // The lower start is below the prior's range: the input is the safe answer.
                    out[k] = new Checked(in.slice().hu().clone(), o.sigmaNHu(), in.timeFactor(), o.match(), false,
                            out[k].verdict(), 2, true, firstCost, out[k].spread());
                    continue;
                }
                SliceCheck.Verdict v = checkOfSlice.apply(in.sliceIndex()).check(in.slice(), o.hu());
                out[k] = v.passed()
                        ? new Checked(o.hu(), o.sigmaNHu(), in.timeFactor(), o.match(), false, v, 2, false,
                                firstCost + secondCost, o.spread())
                        : new Checked(in.slice().hu().clone(), o.sigmaNHu(), in.timeFactor(), o.match(), false, v, 2,
                                true, firstCost + secondCost, o.spread());
            }
        }
        return List.of(out);
    }

    /** The settings every slice given to this denoiser is sampled with. */
    public DdlmSettings settings() {
        return denoiser.settings();
    }

    private long passes() {
        return denoiser.cost().forwards() + denoiser.cost().vjps();
    }

    private double factor(DdlmInput in) {
        return Double.isNaN(in.timeFactor()) ? denoiser.settings().timeFactor() : in.timeFactor();
    }
}
