package org.rnnlab.run;

import java.util.List;
import java.util.Map;

/**
 * What one training run produced.
 *
 * @param diverged        whether the loss or a parameter became NaN or infinite
 * @param divergedAtStep  the optimiser step where that was seen, or null
 * @param finalMetrics    test metrics at the end (loss, the task's metrics, steps_to_solve), fixed order
 * @param curve           evaluation rows in order
 */
public record CellOutcome(boolean diverged, Integer divergedAtStep, Map<String, Double> finalMetrics,
                          List<CurvePoint> curve, double wallSeconds) {
  /** One value of one metric at one evaluation. */
  public record CurvePoint(int step, String metric, double value) {}
}
