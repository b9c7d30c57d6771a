package org.rnnlab.procedure;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a procedure reports what it measures. One recorder per trial; the runner turns what it
 * receives into the trial's result files (curve.csv, series.csv, result.json).
 */
public interface Recorder {
  /** One value of the learning curve: {@code metric} at update {@code step}. */
  void scalar(long step, String metric, double value);

  /** A vector at update {@code step}, e.g. ||dL/dh_t|| for every t, or one value per layer. */
  void series(String name, long step, double[] values);

  /**
   * A text made at update {@code step}, e.g. a sample of a language model, with the numbers that say how
   * it was made or what it scored ({@code values}, in order).
   */
  void text(String name, long step, java.util.Map<String, Double> values, String text);

  /** A final metric (null or non-finite: not measured). Final metrics keep the order they arrive in. */
  void metric(String name, Double value);

  /** Training diverged (a loss, gradient or parameter became NaN or infinite) at update {@code step}. */
  void diverged(long step);

  /**
   * Progress in the procedure's own units (updates, epochs, fitted lambdas): {@code done} of
   * {@code total}. May throw {@link TrialCancelledException} when the run is being stopped.
   */
  void progress(long done, long total);

  /** The newest training state an earlier attempt of this trial saved ({@link #checkpoint}), or null: start afresh. */
  default Resume resume() {
    return null;
  }

  /**
   * {@code failed} could not be restored ({@code reason}, e.g. written by other code): says so and
   * returns the next older state, or null to start afresh.
   */
  default Resume resumeFailed(Resume failed, String reason) {
    return null;
  }

  /**
   * The procedure's whole training state after update {@code update}: a trial killed later resumes
   * from here, to the same bits. The recorder keeps what was recorded so far with it.
   */
  default void checkpoint(long update, byte[] state) {}

  /**
   * Keeps the trained model: its parameters and buffers under PyTorch's names ({@code ParamsIO}) and
   * what else it needs to run again, as a file of the trial's result.
   */
  default void keepModel(ObjectNode stateDict, ObjectNode extras) {}
}
