package org.rnnlab.results;

/**
 * One value of a series: a vector recorded at an update, e.g. ||dL/dh_t|| for every t
 * ({@code index} = t) or one value per layer (a row of series.csv).
 */
public record SeriesRow(String name, long step, int index, double value) {}
