package org.ddlm.core;

import java.util.concurrent.CancellationException;

/**
 * Progress and cancellation of one long call (denoising, simulating, measuring, training, benchmarking): library
 * code reports here and polls here, and never prints. The CLI draws a bar, Fiji calls {@code IJ.showProgress} and
 * answers its Cancel button, tests pass {@link #NONE}.
 */
public interface Progress {

    /** Reports nothing and never cancels. */
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} units (slices, steps, cases) are finished. */
    void update(int done, int total);

    /** Polled between units; true stops the work with a {@link CancellationException}. */
    default boolean isCancelled() {
        return false;
    }

    /** Throws a {@link CancellationException} naming {@code where} when {@link #isCancelled()} answers true. */
    default void stopIfCancelled(String where) {
        if (isCancelled()) {
            throw new CancellationException(where + ": cancelled");
        }
    }

    /** A progress that reports to {@code report} and cancels when {@code cancelled} answers true. */
    static Progress of(Progress report, java.util.function.BooleanSupplier cancelled) {
        return new Progress() {
            @Override
            public void update(int done, int total) {
                report.update(done, total);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }
}
