package org.rnnlab.report;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One drawn chart: its file name (stable across runs, so links survive), the XChart model (tests
 * read series and labels from it) and the caption the report prints under it.
 */
public record ChartOutput(String file, Chart<?, ?> chart, String caption) {}
