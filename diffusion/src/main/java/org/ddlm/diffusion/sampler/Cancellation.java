package org.ddlm.diffusion.sampler;

/** Polled between steps; when it answers true the work stops with a CancellationException. */
@FunctionalInterface
public interface Cancellation {

    Cancellation NEVER = () -> false;

    boolean isCancelled();
}
