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
        if (!interactive) {
            return;
        }
        int width = 30;
        int filled = (int) ((long) width * done / total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        err.printf("\r%s [%s%s] %d/%d  ETA %.0fs ", label, "#".repeat(filled), " ".repeat(width - filled), done, total,
                eta);
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
