package org.ddlm.validation.report;

import org.ddlm.validation.metrics.PairMetrics;
import org.ddlm.validation.metrics.Window;

/**
 * The metrics of one slice in one window: one CSV row.
 *
 * @param test  test vs reference
 * @param input input vs reference, or null without an input series
 */
public record WindowRow(Window window, PairMetrics test, PairMetrics input) {
}
