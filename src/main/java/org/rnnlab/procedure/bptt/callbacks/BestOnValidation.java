package org.rnnlab.procedure.bptt.callbacks;

import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Network;
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
 * {@code "best_on_validation": {"metric": "validation.loss", "mode": "min"}}: keeps a copy of the
 * weights and buffers of the evaluation at which a tracked metric was best (the first of equals),
 * and takes the final metrics from them instead of the last weights (model selection on a held-out
 * set; the test set should not be the one watched). Records {@code best_step}, the update of the
 * weights the final metrics are from. The copies are preallocated: nothing is allocated per evaluation.
 */
public record BestOnValidation(
    @Hyper(doc = "The tracked metric, as named in the learning curve (e.g. validation.loss).") String metric,
    @Hyper(doc = "min: lower is better; max: higher is better.", allowed = {"min", "max"}) String mode)
    implements CallbackConfig {
  /** Final metric: the update whose weights the final metrics were measured with. */
  public static final String BEST_STEP = Measures.BEST_STEP;

  public BestOnValidation {
    if (metric == null || mode == null) {
      throw new IllegalArgumentException("best_on_validation needs metric and mode");
    }
  }

  @Override
  public boolean observesOnly() {
    return false;
  }

  @Override
  public List<String> metrics(TrialConfig config, BpttTraining training) {
    return List.of(BEST_STEP);
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    return WatchedMetric.check(config, metric, mode, pointer);
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    return new Keeper(run.network());
  }

  private final class Keeper implements TrainingCallback {
    private final Network network;
    private final double[][] weights;
    private double best = Double.NaN;
    private long bestStep = -1;
    private long lastEvaluated = -1;

    Keeper(Network network) {
      this.network = network;
      int[] sizes = network.weightSizes();
      this.weights = new double[sizes.length][];
      for (int i = 0; i < sizes.length; i++) {
        weights[i] = new double[sizes[i]];
      }
    }

    @Override
    public void afterEvaluation(long step, Evaluation evaluation) {
      lastEvaluated = step;
      Double v = evaluation.get(metric);
      if (v != null && WatchedMetric.improves(mode, v, best, 0.0)) {
        best = v;
        bestStep = step;
        network.copyWeightsTo(weights);
      }
    }

    @Override
    public boolean beforeFinal() {
      if (bestStep < 0 || bestStep == lastEvaluated) {
        return false; // never measured, or the last weights are the best
      }
      network.setWeights(weights);
      return true;
    }

    @Override
    public void save(StateWriter out) {
      out.writeDouble("best", best).writeLong("best_step", bestStep).writeLong("last_evaluated", lastEvaluated);
      out.writeDoubles("values", weights[0]);
      for (int i = 1; i < weights.length; i++) {
        out.writeDoubles("buffer" + (i - 1), weights[i]);
      }
    }

    @Override
    public void restore(StateReader in) {
      best = in.readDouble("best");
      bestStep = in.readLong("best_step");
      lastEvaluated = in.readLong("last_evaluated");
      in.readDoublesInto("values", weights[0]);
      for (int i = 1; i < weights.length; i++) {
        in.readDoublesInto("buffer" + (i - 1), weights[i]);
      }
    }

    @Override
    public void atEnd(FinalState state, Recorder recorder) {
      recorder.metric(BEST_STEP, bestStep < 0 ? null : (double) bestStep);
    }
  }
}
