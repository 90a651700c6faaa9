package org.ddlm.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.schedule.TimeGrid;

/**
 * Everything a sampler carries between steps: the state x at grid point {@link #step()}, the
 * multistep history (newest first), and the evaluation count. Arrays live in a manager of their
 * own under x_start's manager, on x_start's device; each step's temporaries are freed when the
 * step ends. Drivers (e.g. operator splitting) may replace x between steps.
 */
public final class SamplerState implements AutoCloseable {

    private final NDManager manager;
    private final TimeGrid grid;
    private final Denoiser denoiser;
    private final StepHook hook;
    private final NoiseSource noise;
    private final Deque<HistoryEntry> history = new ArrayDeque<>();
    private NDArray x;
    private boolean ownsX;
    private int step;
    private int evaluations;

    public SamplerState(NDArray xStart, TimeGrid grid, Denoiser denoiser, StepHook hook, NoiseSource noise) {
        if (xStart.getShape().get(0) != grid.batchSize()) {
            throw new IllegalArgumentException("x_start has batch " + xStart.getShape().get(0)
                    + " but the grid has " + grid.batchSize() + " elements");
        }
        this.manager = xStart.getManager().newSubManager();
        this.grid = grid;
        this.denoiser = denoiser;
        this.hook = hook == null ? StepHook.IDENTITY : hook;
        this.noise = noise == null ? NoiseSource.NONE : noise;
        this.x = xStart;
        this.ownsX = false;
    }

    public NDArray x() {
        return x;
    }

    /** Index of the grid point x sits at; equals {@code grid().steps()} when sampling is done. */
    public int step() {
        return step;
    }

    public boolean finished() {
        return step >= grid.steps();
    }

    public TimeGrid grid() {
        return grid;
    }

    public Denoiser denoiser() {
        return denoiser;
    }

    public StepHook hook() {
        return hook;
    }

    public NoiseSource noise() {
        return noise;
    }

    /** Model evaluations so far (NFE). */
    public int evaluations() {
        return evaluations;
    }

    /** Newest first. */
    public List<HistoryEntry> history() {
        return new ArrayList<>(history);
    }

    /**
     * Replaces x between steps (splitting substeps). The multistep history is kept, as the
     * splitting schemes of algorithms.md §6.6 define it.
     */
    public void replaceX(NDArray newX) {
        NDArray kept = keep(newX, null);
        if (kept != x) {
            dropX();
        }
        x = kept;
        ownsX = true;
    }

    /** Opens the scope of one step; samplers call this once per step. */
    SamplerStep begin() {
        if (finished()) {
            throw new IllegalStateException("the grid's " + grid.steps() + " steps are done");
        }
        return new SamplerStep(this, manager.newSubManager());
    }

    void countEvaluation() {
        evaluations++;
    }

    /** Ends a step: stores the new state and history entry, frees what is no longer needed. */
    void commit(NDManager scope, NDArray newX, HistoryEntry entry, int historySize) {
        NDArray keptX = keep(newX, scope);
        List<NDArray> dropped = new ArrayList<>();
        if (entry != null) {
            NDArray v = entry.value() == newX ? keptX : keep(entry.value(), scope);
            history.addFirst(new HistoryEntry(v, entry.lambda().clone()));
        }
        while (history.size() > historySize) {
            dropped.add(history.removeLast().value());
        }
        scope.close();
        for (NDArray d : dropped) {
            if (d != keptX && !isInHistory(d)) {
                d.close();
            }
        }
        if (keptX != x) {
            dropX();
        }
        x = keptX;
        ownsX = true;
        step++;
    }

    private boolean isInHistory(NDArray a) {
        for (HistoryEntry e : history) {
            if (e.value() == a) {
                return true;
            }
        }
        return false;
    }

    private void dropX() {
        if (ownsX && !isInHistory(x)) {
            x.close();
        }
    }

    /** Moves an array into this state's manager; arrays owned elsewhere are copied, never taken. */
    private NDArray keep(NDArray a, NDManager scope) {
        if (a.getManager() == manager) {
            return a;
        }
        if (scope != null && a.getManager() == scope) {
            a.attach(manager);
            return a;
        }
        NDArray copy = a.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** Hands the final x to {@code target} (it survives {@link #close()}). */
    public NDArray detachResult(NDManager target) {
        if (!finished()) {
            throw new IllegalStateException("sampling is not finished");
        }
        NDArray result = ownsX ? x : x.duplicate();
        result.attach(target);
        history.removeIf(e -> e.value() == result);
        ownsX = false;
        x = result;
        return result;
    }

    @Override
    public void close() {
        history.clear();
        manager.close();
    }
}
