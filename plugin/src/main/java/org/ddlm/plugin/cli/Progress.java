package org.ddlm.plugin.cli;

import java.io.PrintWriter;

/** A one-line text progress bar with ETA on stderr; quiet when stderr is not a terminal (logs stay clean). */
final class Progress {
    private final PrintWriter err;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean interactive = System.console() != null;
    private int done;

    Progress(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void step() {
        done++;
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
