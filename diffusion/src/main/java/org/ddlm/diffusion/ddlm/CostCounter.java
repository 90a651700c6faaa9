package org.ddlm.diffusion.ddlm;

/**
 * Counts the model work of guidance (algorithms.md §6.6): forward passes, vector–Jacobian products
 * and data-term gradients. Cost units: F = 1 per forward, B = 2 per VJP, so one autograd gradient
 * (forward + backward) costs 3.
 */
public final class CostCounter {

    private long forwards;
    private long vjps;
    private long gradients;

    public void forward() {
        forwards++;
    }

    public void vjp() {
        vjps++;
    }

    public void gradient() {
        gradients++;
    }

    /** Adds plain model evaluations made elsewhere (e.g. a sampler's diffusion steps). */
    public void forwards(long count) {
        forwards += count;
    }

    public long forwards() {
        return forwards;
    }

    public long vjps() {
        return vjps;
    }

    /** Data-term gradients that needed the network (those at σ̄ = 0 are free and not counted). */
    public long gradients() {
        return gradients;
    }

    /** forwards + 2·VJPs. */
    public long units() {
        return forwards + 2 * vjps;
    }

    @Override
    public String toString() {
        return "forwards=" + forwards + " vjps=" + vjps + " units=" + units();
    }
}
