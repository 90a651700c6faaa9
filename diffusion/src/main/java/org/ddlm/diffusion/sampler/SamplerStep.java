package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.DoubleUnaryOperator;
import org.ddlm.diffusion.model.Coefficients;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.Estimate;
import org.ddlm.diffusion.model.Parameterisation;
import org.ddlm.diffusion.schedule.Schedule;
import org.ddlm.diffusion.schedule.TimeGrid;
import org.ddlm.diffusion.schedule.Vp;

/**
 * One step in progress: grid quantities per element in float64, hooked model evaluations, and a
 * scope that frees the step's temporaries. Samplers end it with {@link #finish}.
 * Denoisers and hooks should build their outputs by operations on the x they are given, so that
 * the outputs land in this scope and are freed with it.
 */
public final class SamplerStep implements AutoCloseable {

    private final SamplerState state;
    private final NDManager scope;
    private final int index;
    private boolean finished;

    /** The rest of a step after its first evaluation; it must end the step with {@link #finish}. */
    @FunctionalInterface
    interface Advance {
        void from(SamplerStep s, Estimate here);
    }

    /**
     * One step that starts with the hooked estimate at the step's own grid point, as every sampler's
     * does: on the data step it ends with that x0 (the {@link Sampler} contract), otherwise
     * {@code advance} takes it on to the next grid point.
     */
    static void evaluateThen(SamplerState state, Advance advance) {
        try (SamplerStep s = state.begin()) {
            Estimate here = s.evaluate(s.x(), s.time(s.index()));
            if (s.isDataStep()) {
                s.finish(here.x0());
            } else {
                advance.from(s, here);
            }
        }
    }

    SamplerStep(SamplerState state, NDManager scope) {
        this.state = state;
        this.scope = scope;
        this.index = state.step();
        // Ops whose first operand is x or a history value now put their results into this scope.
        state.x().tempAttach(scope);
        for (HistoryEntry e : state.history()) {
            if (e.value() != state.x()) {
                e.value().tempAttach(scope);
            }
        }
    }

    public int index() {
        return index;
    }

    public NDArray x() {
        return state.x();
    }

    public boolean isDataStep() {
        return state.grid().isDataStep(index);
    }


    /** True if step index+1 is the data step (for lower-order-final options). */
    public boolean isLastBeforeData() {
        TimeGrid g = state.grid();
        return g.endsAtData() && index == g.points() - 2;
    }

    public int totalSteps() {
        return state.grid().steps();
    }

    public SamplerState state() {
        return state;
    }

    /** Schedule times at grid point {@code point}, one per element. */
    public double[] time(int point) {
        return state.grid().timesAt(point);
    }

    public double[] lambda(int point) {
        return lambdas(time(point));
    }

    public double[] lambdas(double[] time) {
        Schedule s = state.denoiser().schedule();
        double[] out = new double[time.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = s.lambda(time[b]);
        }
        return out;
    }

    /** The hooked (x0, ε) at (x, time); counts one evaluation. */
    public Estimate evaluate(NDArray x, double[] time) {
        double[][] alphaSigma = perElement(lambdas(time), Vp::alpha, Vp::sigma);
        double[] alpha = alphaSigma[0];
        double[] sigma = alphaSigma[1];
        Denoiser d = state.denoiser();
        NDArray out = d.predict(x, time);
        Estimate raw = Parameterisation.toEstimate(d.prediction(), x, out, alpha, sigma);
        state.countEvaluation();
        Estimate hooked = state.hook().apply(new HookContext(index, x, time, alpha, sigma), raw);
        return hooked;
    }

    /** Standard normal noise shaped like x, from the per-element streams. */
    public NDArray noise() {
        return state.noise().standardNormal(x());
    }

    /** The stored entries, newest first. */
    public java.util.List<HistoryEntry> history() {
        return state.history();
    }

    /** Per-element log α, log σ at grid point {@code point}. */
    public double[][] logAlphaSigma(int point) {
        return perElement(lambda(point), Vp::logAlpha, Vp::logSigma);
    }

    /** Two functions of λ, element by element: {first(λ_b)}, {second(λ_b)}. */
    private static double[][] perElement(double[] lam, DoubleUnaryOperator first, DoubleUnaryOperator second) {
        double[][] out = new double[2][lam.length];
        for (int b = 0; b < lam.length; b++) {
            out[0][b] = first.applyAsDouble(lam[b]);
            out[1][b] = second.applyAsDouble(lam[b]);
        }
        return out;
    }

    /** One element's grid quantities on the way from this step's grid point to the next. */
    public record Hop(double lambda, double lambdaNext, double logAlpha, double logSigma, double logAlphaNext,
            double logSigmaNext) {
    }

    /** The coefficients of one element's update, from its {@link Hop}; {@code b} is the element. */
    @FunctionalInterface
    public interface HopWeights {
        double[] at(int b, Hop hop);
    }

    /**
     * The per-element coefficients of an update from grid point index to index + 1, in float64:
     * out[k][b] is coefficient k of element b, as {@code weights} gives it from that element's {@link Hop}.
     */
    public double[][] coefficientsToNext(int count, HopWeights weights) {
        double[] lam = lambda(index);
        double[] lamNext = lambda(index + 1);
        double[][] now = logAlphaSigma(index);
        double[][] next = logAlphaSigma(index + 1);
        double[][] out = new double[count][lam.length];
        for (int b = 0; b < lam.length; b++) {
            double[] w = weights.at(b, new Hop(lam[b], lamNext[b], now[0][b], now[1][b], next[0][b], next[1][b]));
            for (int k = 0; k < count; k++) {
                out[k][b] = w[k];
            }
        }
        return out;
    }

    public NDArray column(double[] values) {
        return Coefficients.column(values, x());
    }

    /** Ends the step with the new state and no history entry. */
    public void finish(NDArray newX) {
        finish(newX, null, 0);
    }

    /** Ends the step, storing {@code entry} and keeping at most {@code historySize} entries. */
    public void finish(NDArray newX, HistoryEntry entry, int historySize) {
        if (finished) {
            throw new IllegalStateException("step already finished");
        }
        finished = true;
        state.commit(scope, newX, entry, historySize);
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            scope.close();
        }
    }
}
