package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import org.ddlm.core.Progress;

/**
 * The command line's {@link Progress}: a one-line text bar with ETA on stderr, quiet when stderr is not a terminal (logs
 * stay clean), and a closing line with the count and the time. It never cancels (Ctrl-C ends the process).
 */
final class TerminalProgressBar implements Progress {
    private final PrintWriter err;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean interactive = System.console() != null;
    private int done;

    TerminalProgressBar(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /** One more item of the total given at construction is finished. */
    void step() {
        update(done + 1, total);
    }

    @Override
    public void update(int done, int total) {
        this.done = done;
        double elapsed = (System.nanoTime() - start) / 1e9;
        show(done, total, elapsed / done * (total - done), "");
    }

    /** Draws the bar for an externally counted position (e.g. a resumed run) with its own ETA and status text. */
    void show(long position, long of, double etaSeconds, String status) {
        if (!interactive) {
            return;
        }
        int width = 30;
        int filled = (int) (width * position / Math.max(1, of));
        String eta = Double.isFinite(etaSeconds) ? String.format(java.util.Locale.ROOT, "%dm%02ds",
                (long) etaSeconds / 60, (long) etaSeconds % 60) : "?";
        err.printf("\r%s [%s%s] %d/%d%s  ETA %s ", label, "#".repeat(filled), " ".repeat(width - filled), position, of,
                status, eta);
        err.flush();
    }

    void done() {
        if (interactive) {
            err.printf("%n");
        }
        err.printf("%s: %d item(s) in %.1f s%n", label, done, (System.nanoTime() - start) / 1e9);
        err.flush();
    }
}
