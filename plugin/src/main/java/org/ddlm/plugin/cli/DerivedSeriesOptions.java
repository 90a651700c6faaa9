package org.ddlm.plugin.cli;

import picocli.CommandLine.Option;

/** --overwrite and --series-number, shared by the commands that write IN's stacks again as derived series to OUT. */
final class DerivedSeriesOptions {
    @Option(names = "--overwrite", description = "replace a non-empty OUT whole")
    boolean overwrite;

    @Option(names = "--series-number", description = "SeriesNumber of the output (default: source + 1000)")
    Integer seriesNumber;
}
