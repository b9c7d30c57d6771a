package org.rnnlab.report;

/** One evaluation from a cell's {@code curve.csv}. */
record CurveRow(long step, String metric, double value) {}
