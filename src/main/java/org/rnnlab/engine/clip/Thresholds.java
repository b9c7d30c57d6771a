package org.rnnlab.engine.clip;

/** Validation shared by the rules' records, with messages that quote the bad value. */
final class Thresholds {
  private Thresholds() {}

  /** Checks a threshold (required, finite, &gt; 0) and an optional calibration length (&gt;= 1). */
  static void check(String rule, String key, Double threshold, Integer calibrationUpdates) {
    if (threshold == null) {
      throw new IllegalArgumentException(rule + " needs " + key);
    }
    if (!(threshold > 0.0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException(rule + " " + key + " must be a finite number > 0, got " + threshold);
    }
    if (calibrationUpdates != null && calibrationUpdates < 1) {
      throw new IllegalArgumentException(rule + " calibration_updates must be >= 1, got " + calibrationUpdates);
    }
  }
}
