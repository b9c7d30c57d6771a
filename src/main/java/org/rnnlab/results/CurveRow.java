package org.rnnlab.results;

/** One scalar of a trial's curve: {@code metric} at update {@code step} (a row of curve.csv). */
public record CurveRow(long step, String metric, double value) {}
