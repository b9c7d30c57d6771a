package org.rnnlab.procedure.bptt;

import java.util.Map;

/**
 * What the loop knows at the end of a trial that did not diverge.
 *
 * @param lastStep the last update made (below {@code steps} if a callback stopped training early)
 * @param test     the final test metrics, by their recorded names
 * @param solvedAt the first evaluation's update at which the task counted as solved, or null
 */
public record FinalState(long lastStep, Map<String, Double> test, Long solvedAt) {}
