package org.rnnlab.procedure;

/**
 * Where a procedure reports what it measures. One recorder per trial; the runner turns what it
 * receives into the trial's result files (curve.csv, series.csv, result.json).
 */
public interface Recorder {
  /** One value of the learning curve: {@code metric} at update {@code step}. */
  void scalar(long step, String metric, double value);

  /** A vector at update {@code step}, e.g. ||dL/dh_t|| for every t, or one value per layer. */
  void series(String name, long step, double[] values);

  /** A final metric (null or non-finite: not measured). Final metrics keep the order they arrive in. */
  void metric(String name, Double value);

  /** Training diverged (a loss, gradient or parameter became NaN or infinite) at update {@code step}. */
  void diverged(long step);

  /**
   * Progress in the procedure's own units (updates, epochs, fitted lambdas): {@code done} of
   * {@code total}. May throw {@link TrialCancelledException} when the run is being stopped.
   */
  void progress(long done, long total);
}
