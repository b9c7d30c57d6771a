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
 * {@code "early_stopping": {"metric": "validation.loss", "mode": "min", "patience": 5}}: stops
 * training after {@code patience} evaluations in a row in which a tracked metric did not improve
 * on its best by more than {@code min_delta} (Prechelt 1998's "patience" criterion, as Keras and
 * Lightning implement it); the final metrics are then measured at the update it stopped at (with
 * {@code best_on_validation}, at the best one). Records {@code stopped_at}: the last update made.
 */
public record EarlyStopping(
    @Hyper(doc = "The tracked metric watched, as named in the learning curve (e.g. validation.loss).")
    String metric,
    @Hyper(doc = "min: lower is better (losses, errors); max: higher is better (accuracy).",
        allowed = {"min", "max"}) String mode,
    @Hyper(doc = "Evaluations without improvement before training stops.", min = 1, defaultValue = "5")
    Integer patience,
    @Hyper(doc = "Smallest change that counts as an improvement (absolute).", min = 0, defaultValue = "0")
    Double minDelta) implements CallbackConfig {
  /** Final metric: the last update made (steps if training was never stopped early). */
  public static final String STOPPED_AT = Measures.STOPPED_AT;

  public EarlyStopping {
    patience = patience == null ? 5 : patience;
    minDelta = minDelta == null ? 0.0 : minDelta;
    if (metric == null || mode == null || patience < 1 || !(minDelta >= 0)) {
      throw new IllegalArgumentException("early_stopping needs metric, mode, patience >= 1 and min_delta >= 0");
    }
  }

  @Override
  public boolean observesOnly() {
    return false;
  }

  @Override
  public List<String> metrics(TrialConfig config, BpttTraining training) {
    return List.of(STOPPED_AT);
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    return WatchedMetric.check(config, metric, mode, pointer);
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    return new Watcher();
  }

  private final class Watcher implements TrainingCallback {
    private double best = Double.NaN;
    private int sinceBest;

    @Override
    public void afterEvaluation(long step, Evaluation evaluation) {
      Double v = evaluation.get(metric);
      if (v != null && WatchedMetric.improves(mode, v, best, minDelta)) {
        best = v;
        sinceBest = 0;
      } else if (step > 0) {
        sinceBest++;
      }
    }

    @Override
    public boolean stopRequested() {
      return sinceBest >= patience;
    }

    @Override
    public void save(StateWriter out) {
      out.writeDouble("best", best).writeInt("since_best", sinceBest);
    }

    @Override
    public void restore(StateReader in) {
      best = in.readDouble("best");
      sinceBest = in.readInt("since_best");
    }

    @Override
    public void atEnd(FinalState state, Recorder recorder) {
      recorder.metric(STOPPED_AT, (double) state.lastStep());
    }
  }
}
