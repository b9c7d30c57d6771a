package org.rnnlab.procedure.bptt.callbacks;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;

/** A tracked metric a callback watches, and which way is better: shared checks and comparisons. */
final class WatchedMetric {
  static final String MIN = "min";
  static final String MAX = "max";

  private WatchedMetric() {}

  /** The metric must be in the learning curve (a tracked set's), and mode min or max. */
  static List<ConfigProblem> check(TrialConfig config, String metric, String mode, String pointer) {
    List<ConfigProblem> out = new ArrayList<>();
    List<String> tracked = BpttTraining.trackedMetrics(config);
    if (!tracked.contains(metric)) {
      out.add(new ConfigProblem(pointer + "/metric", "\"" + metric + "\" is not measured at the evaluations; "
          + "the tracked metrics are " + String.join(", ", tracked) + " (evaluation.track chooses the sets)"));
    }
    if (!MIN.equals(mode) && !MAX.equals(mode)) {
      out.add(new ConfigProblem(pointer + "/mode", "mode must be min or max, got " + mode));
    }
    return out;
  }

  /** Whether {@code value} is better than {@code best} by more than {@code delta} (NaN never is). */
  static boolean improves(String mode, double value, double best, double delta) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return MIN.equals(mode) ? value < best - delta : value > best + delta;
  }

  /** Whether {@code value} has reached {@code threshold} (at most for min, at least for max; NaN never). */
  static boolean reaches(String mode, double value, double threshold) {
    return MIN.equals(mode) ? value <= threshold : value >= threshold;
  }
}
