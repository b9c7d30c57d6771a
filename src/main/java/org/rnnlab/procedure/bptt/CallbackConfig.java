package org.rnnlab.procedure.bptt;

import java.util.List;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.MeasureName;

/**
 * The spec record of a training callback, one key of {@code training.callbacks} ({@link Callbacks}):
 * its keys, its checks against the rest of the trial, the final metrics and series it records, and the
 * callback it creates for one trial. Adding one: a record implementing this, one component of
 * {@link Callbacks}, and a test extending {@code CallbackContractTest}.
 */
public interface CallbackConfig {
  /** The callback for one trial. */
  TrainingCallback create(TrainingRun run);

  /** Whether it only observes: training with it is bit for bit training without it. */
  boolean observesOnly();

  /** The final metrics it records, in order (what claims may name). */
  default List<String> metrics(TrialConfig config, BpttTraining training) {
    return List.of();
  }

  /**
   * The series it records (series.csv), families where names are known only at run time: what series
   * charts may name. Names from {@code results.Measures}.
   */
  default List<MeasureName> series(TrialConfig config, BpttTraining training) {
    return List.of();
  }

  /**
   * What it cannot do with the rest of {@code config}, with JSON pointers below
   * {@code pointer} (its own key, e.g. {@code /training/callbacks/early_stopping}).
   */
  default List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    return List.of();
  }
}
