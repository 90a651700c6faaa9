package org.ddlm.validation.report;

/** What summary.json says about one series; any field but nSlices may be null. */
public record SeriesInfo(String path, String seriesUid, String description, int nSlices) {
}
