package org.ddlm.plugin.fiji;

import ij.IJ;
import java.util.Locale;
import org.ddlm.core.Progress;

/** Library progress on ImageJ's progress bar and status line; Esc (or {@link #cancel()}) asks the work to stop. */
final class IjProgress implements Progress {
    private final String label;
    private final long start = System.nanoTime();
    private volatile boolean cancelled;

    IjProgress(String label) {
        this.label = label;
        IJ.resetEscape();
    }

    @Override
    public void update(int done, int total) {
        IJ.showProgress(done, total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = done == 0 ? Double.NaN : elapsed / done * (total - done);
        IJ.showStatus(String.format(Locale.ROOT, "%s: %d/%d%s (Esc stops)", label, done, total,
                Double.isNaN(left) ? "" : String.format(Locale.ROOT, ", %.0f s left", left)));
    }

    @Override
    public boolean isCancelled() {
        if (IJ.escapePressed()) {
            cancelled = true;
        }
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    /** Clears the bar and says how it ended. */
    void finish(String message) {
        IJ.showProgress(1.0);
        IJ.showStatus(label + ": " + message);
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
