package org.ddlm.plugin.bench;

/** Where a benchmark run is; the command prints it and saves partial results, tests ignore it. */
@FunctionalInterface
public interface BenchProgress {
    BenchProgress NONE = (result, done, total) -> { };

    /** Called after each finished row of a sample ({@code done} of {@code total}). */
    void finished(BenchResult result, int done, int total);
}
