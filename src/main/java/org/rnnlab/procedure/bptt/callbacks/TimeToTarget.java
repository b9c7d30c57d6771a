package org.rnnlab.procedure.bptt.callbacks;

import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.Evaluation;
import org.rnnlab.procedure.bptt.FinalState;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.results.Measures;

/**
 * {@code "time_to_target": {"metric": "validation.accuracy", "mode": "max", "threshold": 0.6}}: the
 * updates and training sequences until a tracked metric first reaches a threshold (MLPerf's
 * time-to-quality; Hochreiter and Schmidhuber 1997's "sequences until solved"), at the resolution of
 * the evaluations ({@code evaluation.every}): {@code updates_to_target} and
 * {@code sequences_to_target} (= updates x batch_size), null if never reached. Observes only.
 */
public record TimeToTarget(
    @Hyper(doc = "The tracked metric, as named in the learning curve (e.g. validation.accuracy).") String metric,
    @Hyper(doc = "min: reached when the metric is at most the threshold; max: at least.", allowed = {"min", "max"})
    String mode,
    @Hyper(doc = "The target value.") Double threshold) implements CallbackConfig {
  /** Final metric: the update of the first evaluation at which the metric reached the threshold. */
  public static final String UPDATES_TO_TARGET = Measures.UPDATES_TO_TARGET;
  /** Final metric: updates_to_target x batch_size. */
  public static final String SEQUENCES_TO_TARGET = Measures.SEQUENCES_TO_TARGET;

  public TimeToTarget {
    if (metric == null || mode == null || threshold == null || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("time_to_target needs metric, mode and a finite threshold");
    }
  }

  @Override
  public boolean observesOnly() {
    return true;
  }

  @Override
  public List<String> metrics(TrialConfig config, BpttTraining training) {
    return List.of(UPDATES_TO_TARGET, SEQUENCES_TO_TARGET);
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    return WatchedMetric.check(config, metric, mode, pointer);
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    int batch = run.training().batchSize();
    return new TrainingCallback() {
      private Long reachedAt;

      @Override
      public void afterEvaluation(long step, Evaluation evaluation) {
        Double v = evaluation.get(metric);
        if (reachedAt == null && v != null && WatchedMetric.reaches(mode, v, threshold)) {
          reachedAt = step;
        }
      }

      @Override
      public void save(StateWriter out) {
        out.writeLong("reached_at", reachedAt == null ? -1 : reachedAt);
      }

      @Override
      public void restore(StateReader in) {
        long r = in.readLong("reached_at");
        reachedAt = r < 0 ? null : r;
      }

      @Override
      public void atEnd(FinalState state, Recorder recorder) {
        recorder.metric(UPDATES_TO_TARGET, reachedAt == null ? null : (double) reachedAt);
        recorder.metric(SEQUENCES_TO_TARGET, reachedAt == null ? null : (double) reachedAt * batch);
      }
    };
  }
}
