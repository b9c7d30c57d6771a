package org.rnnlab.procedure.bptt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tracked sets' metrics after one evaluation, by their recorded names ({@code loss} for the
 * test set, {@code validation.loss}, {@code <set>.<metric>}), in recording order.
 */
public record Evaluation(long step, Map<String, Double> metrics) {
  public Evaluation {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The value of {@code name}, or null if it was not measured at this evaluation. */
  public Double get(String name) {
    return metrics.get(name);
  }
}
