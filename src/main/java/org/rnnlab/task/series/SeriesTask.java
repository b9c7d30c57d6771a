package org.rnnlab.task.series;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.data.Split;
import org.rnnlab.data.series.Standardizer;
import org.rnnlab.data.series.TimeSplit;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.task.TaskData;

/**
 * One time series as a regression task with a target at every step (seed 000, 7.4: an echo-state
 * network as "a nonlinear autoregressive technique"): the model reads {@code input[t]} and predicts
 * {@code target[t]}, e.g. the series k steps ahead ({@link LookAhead}) or, for NARMA, the system's
 * output. The positions are split in time by {@link TimeSplit#of} (70 / 10 / 20%); each split is one
 * sequence that starts at the series' first step and carries a target weight of 1 only on the split's
 * own positions, so that a model (a reservoir, an RNN) reads the whole past as context, exactly as one
 * run over the series would, and no target outside the split is scored. (The training split has no
 * context: its washout is the fitting procedure's.) Inputs and targets may be standardised with the
 * training part's mean and sd ({@link Standardizer}); RMSE is then reported in the original units.
 *
 * <p>The series is fixed by the task's config (its own seed where it is random), so every trial of a
 * group sees the same data and only the model's seed varies. Metrics over the scored positions:
 * {@code rmse} and {@code nrmse} = RMSE / std(truth) ({@link SeriesMetrics}). Baselines, computed
 * from the data on the test split: the training mean ({@code rmse}, {@code nrmse}), persistence for
 * forecasts ({@code persistence_*}: predict the last observed value) and a least-squares linear model
 * on the last 10 inputs fitted on training and validation ({@code linear_*}: NARMA's "linear 10-tap
 * model", an AR(10) for a forecast).
 */
public abstract class SeriesTask implements SequenceTask {
  /** Taps of the linear baseline. */
  public static final int LINEAR_TAPS = 10;

  private final double[] input;
  private final double[] target;
  private final int lookAhead;
  private final TimeSplit split;
  private final Standardizer scale;
  private final Map<String, Double> baseline;

  /**
   * A task over {@code input[t] -> target[t]}, both of one length (in original units).
   *
   * @param lookAhead   k if target[t] = input[t + k] (a forecast of the series itself), else 0
   * @param standardize standardise inputs and targets with the training part's input mean and sd
   */
  protected SeriesTask(double[] input, double[] target, int lookAhead, boolean standardize) {
    if (input.length != target.length) {
      throw new IllegalArgumentException("input and target lengths differ: " + input.length + ", " + target.length);
    }
    if (input.length < 10 * LINEAR_TAPS) {
      throw new IllegalArgumentException("a series task needs at least " + 10 * LINEAR_TAPS + " steps, got "
          + input.length);
    }
    if (standardize && lookAhead < 1) {
      throw new IllegalArgumentException("standardising uses the input's statistics for the targets too, so it "
          + "needs targets from the same series (a look-ahead)");
    }
    this.lookAhead = lookAhead;
    this.split = TimeSplit.of(input.length);
    this.scale = standardize ? Standardizer.fit(input, 0, split.to(Split.TRAIN)) : null;
    this.input = standardize ? scale.apply(input) : input.clone();
    this.target = standardize ? scale.apply(target) : target.clone();
    this.baseline = computeBaseline();
  }

  /** k if the target is the input k steps ahead (one-step-ahead: 1), 0 if it is another signal. */
  public int lookAhead() {
    return lookAhead;
  }

  /** The split of the positions in time. */
  public TimeSplit split() {
    return split;
  }

  /** The model's inputs, one per step (standardised if the task standardises). */
  public double[] input() {
    return input.clone();
  }

  /** The targets, one per step (standardised if the task standardises). */
  public double[] target() {
    return target.clone();
  }

  /** The factor from the model's units back to the series' (the training sd; 1 without standardising). */
  public double unitScale() {
    return scale == null ? 1.0 : scale.sd();
  }

  /** Model units back to the series' units. */
  public double[] toSeriesUnits(double[] v) {
    return scale == null ? v.clone() : scale.invert(v);
  }

  @Override
  public int inputSize() {
    return 1;
  }

  @Override
  public int outputSize() {
    return 1;
  }

  @Override
  public boolean classification() {
    return false;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.EVERY_STEP;
  }

  /** The metrics every series task reports. */
  public static List<String> metrics() {
    return List.of("rmse", "nrmse");
  }

  @Override
  public TaskData data() {
    return new TaskData() {
      @Override
      public BatchStream training(int batchSize, Integer trainSize, Rng rng) {
        Batch train = batch(Split.TRAIN);
        return new BatchStream() {
          @Override
          public Batch next() {
            return train;
          }

          @Override
          public int batchesPerEpoch() {
            return 1;
          }
        };
      }

      @Override
      public Batch evaluation(Split s, Integer size, Rng rng) {
        if (size != null && size != 1) {
          throw new IllegalArgumentException("a series task has one sequence per split, not " + size);
        }
        return batch(s);
      }
    };
  }

  /**
   * The sequence of {@code s}: steps [0, end of s) of the series, weight 1 on the split's positions
   * and 0 on the context before them.
   */
  public Batch batch(Split s) {
    int from = s == Split.TRAIN ? 0 : split.from(s);
    int to = split.to(s);
    double[] x = java.util.Arrays.copyOf(input, to);
    double[] y = java.util.Arrays.copyOf(target, to);
    double[] mask = new double[to];
    java.util.Arrays.fill(mask, from, to, 1.0);
    return new Batch(to, 1, 1, x, new int[] {to}, y, null, mask);
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    if (batch.inputSize() != 1 || batch.targets() == null || outputs.length != batch.steps() * batch.size()) {
      throw new IllegalArgumentException("a series batch has one input and one target per step; outputs "
          + outputs.length + ", expected " + batch.steps() * batch.size());
    }
    int n = 0;
    for (int t = 0; t < batch.steps(); t++) {
      for (int b = 0; b < batch.size(); b++) {
        n += batch.weight(t, b) == 1.0 ? 1 : 0;
      }
    }
    double[] p = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (int t = 0; t < batch.steps(); t++) {
      for (int b = 0; b < batch.size(); b++) {
        double w = batch.weight(t, b);
        if (w != 0.0 && w != 1.0) {
          throw new IllegalArgumentException("series targets have weight 0 or 1, got " + w);
        }
        if (w == 1.0) {
          int i = t * batch.size() + b;
          p[k] = outputs[i];
          y[k] = batch.targets()[i];
          k++;
        }
      }
    }
    return scores(p, y);
  }

  /** rmse (series units) and nrmse of predictions p of truth y, both in model units. */
  private Map<String, Double> scores(double[] p, double[] y) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rmse", SeriesMetrics.rmse(p, 0, y, 0, y.length) * unitScale());
    m.put("nrmse", SeriesMetrics.nrmse(p, 0, y, 0, y.length));
    return m;
  }

  private Map<String, Double> computeBaseline() {
    int from = split.from(Split.TEST);
    int to = split.to(Split.TEST);
    int n = to - from;
    double[] truth = java.util.Arrays.copyOfRange(target, from, to);
    Map<String, Double> m = new LinkedHashMap<>();
    double[] mean = SeriesBaselines.trainingMean(target, 0, split.to(Split.TRAIN), n);
    m.putAll(scores(mean, truth));
    if (lookAhead > 0) {
      scores(SeriesBaselines.persistence(input, from, to), truth).forEach((k, v) -> m.put("persistence_" + k, v));
    }
    LinearTapModel linear = LinearTapModel.fit(input, target, LINEAR_TAPS, LINEAR_TAPS - 1, split.to(Split.VALIDATION));
    scores(linear.predict(input, from, to), truth).forEach((k, v) -> m.put("linear_" + k, v));
    return m;
  }

  @Override
  public Map<String, Double> baseline() {
    return new LinkedHashMap<>(baseline);
  }

  @Override
  public String baselineDescription() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "test split: training mean NRMSE %.4f (RMSE %.4g)",
        baseline.get("nrmse"), baseline.get("rmse")));
    if (lookAhead > 0) {
      sb.append(String.format(Locale.ROOT, "; persistence (last value) NRMSE %.4f (RMSE %.4g)",
          baseline.get("persistence_nrmse"), baseline.get("persistence_rmse")));
    }
    sb.append(String.format(Locale.ROOT, "; linear %d-tap least squares (fit on train+validation) NRMSE %.4f "
        + "(RMSE %.4g)", LINEAR_TAPS, baseline.get("linear_nrmse"), baseline.get("linear_rmse")));
    return sb.toString();
  }

  /** No success criterion: a series is predicted, not solved. */
  @Override
  public boolean solved(Map<String, Double> metrics) {
    return false;
  }

  /** The split and scaling, for {@link #describe()}. */
  protected String splitText() {
    return "positions split in time " + split.length(Split.TRAIN) + " / " + split.length(Split.VALIDATION) + " / "
        + split.length(Split.TEST) + (scale == null ? "" : String.format(Locale.ROOT,
        ", standardised by the training part (mean %.4g, sd %.4g)", scale.mean(), scale.sd()));
  }
}
