package org.rnnlab.report;

/**
 * The verdict on one claim of an experiment.
 *
 * @param text the claim as written in the spec
 * @param passed whether the measured statistic satisfies the claim; false if it could not be
 *     measured
 * @param measured the statistic over the ok seeds of the matching groups, NaN if not measurable
 * @param detail a one-line explanation: what was measured over which cells, or why nothing was
 */
public record ClaimResult(String text, boolean passed, double measured, String detail) {}
