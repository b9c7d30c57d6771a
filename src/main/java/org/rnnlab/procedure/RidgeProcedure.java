package org.rnnlab.procedure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.reservoir.EchoStateNetwork;
import org.rnnlab.engine.reservoir.Reservoir;
import org.rnnlab.engine.reservoir.RidgeFitter;
import org.rnnlab.engine.reservoir.RidgeReadout;
import org.rnnlab.model.EsnModel;
import org.rnnlab.results.Measures;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.task.series.SeriesMetrics;
import org.rnnlab.task.series.SeriesTask;

/**
 * Fits a trial's echo-state network in closed form ({@link RidgeTraining}). The reservoir is drawn
 * from the trial's stream {@code init}; the training sequences from {@code data}; validation and
 * evaluation sets as for every procedure ({@link EvaluationSets}: the test seed's streams). Each
 * sequence is read from a zero state; a series task's validation and test sequences start at the
 * series' first step, so their states equal one run over the whole series. The curve holds, per
 * lambda k of the grid (step k), log10(lambda) and the validation mean squared error. Progress is in
 * stages: states collected, readout chosen, sets measured.
 */
final class RidgeProcedure implements Procedure {
  private static final int STAGES = 3;
  private final RidgeTraining cfg;

  RidgeProcedure(RidgeTraining cfg) {
    this.cfg = cfg;
  }

  /** Feature rows of one batch, all positions, and the rows that carry a target. */
  private record Rows(Batch batch, double[] features, int width, double[] x, double[] y, int outputs, int count) {
    RidgeFitter.Samples samples() {
      return RidgeFitter.Samples.rows(x, width, y, outputs, 0, count);
    }
  }

  @Override
  public void run(Trial trial, Recorder rec) {
    TrialConfig c = trial.config();
    SequenceTask task = trial.task(SequenceTask.class);
    EsnModel model = c.model(EsnModel.class);
    Rng root = trial.rng();
    int outputs = task.outputSize();
    Reservoir reservoir = model.draw(task.inputSize(), model.outputFeedback() ? outputs : 0, root.child("init"));
    EchoStateNetwork esn = new EchoStateNetwork(reservoir, model.inputToReadout(), model.arithmetic());
    int width = esn.features();
    int trainSize = cfg.trainSize() == null ? 1 : cfg.trainSize();
    Batch trainBatch = task.data().training(trainSize, cfg.trainSize(), root.child("data")).next();
    Rows train = rows(esn, task, trainBatch, cfg.washout());
    Rows validation = cfg.needsValidation() ? rows(esn, task, task.data().evaluation(Split.VALIDATION,
        c.evaluation().validationSize(), Rng.of(trial.testSeed()).child("validation")), 0) : null;
    rec.progress(1, STAGES);

    RidgeFitter fitter = new RidgeFitter(width, outputs, cfg.regularizeBias());
    RidgeReadout readout;
    double[] grid = cfg.lambdaGrid();
    if (validation != null) {
      RidgeFitter.Selection sel = fitter.select(train.samples(), validation.samples(), grid,
          cfg.refit().equals(RidgeTraining.TRAIN_AND_VALIDATION));
      for (int k = 0; k < grid.length; k++) {
        rec.scalar(k, Measures.LOG10_LAMBDA, StrictMath.log10(grid[k]));
        rec.scalar(k, Measures.ofSet(Measures.VALIDATION, Measures.MSE), sel.validationMse()[k]);
      }
      readout = sel.readout();
    } else {
      readout = fitter.fit(train.samples(), grid[0]);
    }
    esn.setReadout(readout);
    rec.progress(2, STAGES);

    EvaluationSets sets = new EvaluationSets(trial, task);
    for (String set : sets.names()) {
      Batch b = sets.batch(set);
      double[] out = predict(readout, rows(esn, sets.task(set), b, 0), task.readout(), outputs);
      sets.task(set).evaluate(b, out).forEach((k, v) -> rec.metric(EvaluationConfig.metricName(set, k), v));
    }
    rec.metric(Measures.LAMBDA, readout.lambda());
    if (cfg.freeRunHorizon() != null) {
      freeRun((SeriesTask) task, esn, rec);
    }
    rec.progress(STAGES, STAGES);
  }

  /**
   * The features of every position of {@code b} and the rows with a target: every-step targets of
   * weight 1 at steps >= washout, or each sequence's last step; teacher-forced feedback of the targets.
   */
  private static Rows rows(EchoStateNetwork esn, SequenceTask task, Batch b, int washout) {
    int width = esn.features();
    int o = task.outputSize();
    boolean every = task.readout() == ReadoutMode.EVERY_STEP;
    double[] teacher = esn.reservoir().feedbackSize() > 0 ? b.targets() : null;
    double[] f = esn.features(b.inputs(), b.steps(), b.size(), teacher);
    int count = 0;
    int[] pos = new int[every ? b.steps() * b.size() : b.size()];
    for (int t = every ? washout : 0; every && t < b.steps(); t++) {
      for (int i = 0; i < b.size(); i++) {
        double w = b.weight(t, i);
        if (w != 0.0 && w != 1.0) {
          throw new IllegalArgumentException("target weight " + w + " at step " + t + ": only 0/1 masks are supported");
        }
        if (w == 1.0) {
          pos[count++] = t * b.size() + i;
        }
      }
    }
    if (!every) {
      for (int i = 0; i < b.size(); i++) {
        pos[count++] = (b.lengths()[i] - 1) * b.size() + i;
      }
    }
    double[] x = new double[count * width];
    double[] y = new double[count * o];
    for (int r = 0; r < count; r++) {
      System.arraycopy(f, pos[r] * width, x, r * width, width);
      System.arraycopy(b.targets(), (every ? pos[r] : pos[r] % b.size()) * o, y, r * o, o);
    }
    return new Rows(b, f, width, x, y, o, count);
  }

  /** The readout at every position, laid out as the task's targets: [steps][size][o] or [size][o]. */
  private static double[] predict(RidgeReadout readout, Rows r, ReadoutMode mode, int o) {
    Batch b = r.batch();
    if (mode == ReadoutMode.EVERY_STEP) {
      return readout.predict(r.features(), 0, r.width(), b.steps() * b.size());
    }
    double[] out = new double[b.size() * o];
    for (int i = 0; i < b.size(); i++) {
      readout.predict(r.features(), ((b.lengths()[i] - 1) * b.size() + i) * r.width(), r.width(), 1, out, i * o);
    }
    return out;
  }

  /**
   * Free running from the state after the last validation input: output h predicts input
   * validationEnd + h; its NRMSE over the horizon, the first step whose error exceeds the threshold
   * (times the sd of the test part's targets), and both series in the series' units.
   */
  private void freeRun(SeriesTask task, EchoStateNetwork esn, Recorder rec) {
    int h = cfg.freeRunHorizon();
    int start = task.split().to(Split.VALIDATION);
    double[] input = task.input();
    // the state after reading input start-1: one run over [0, start), fed back the true targets if any
    double[] u = java.util.Arrays.copyOf(input, start);
    double[] teacher = esn.reservoir().feedbackSize() > 0 ? java.util.Arrays.copyOf(task.target(), start) : null;
    double[] f = esn.features(u, start, teacher);
    double[] pred = esn.freeRun(f, start - 1, h);
    double[] truth = java.util.Arrays.copyOfRange(input, start, start + h);
    double[] target = task.target();
    int testFrom = task.split().from(Split.TEST);
    double sd = SeriesMetrics.std(target, testFrom, task.split().length(Split.TEST));
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Measures.FREE_RUN_NRMSE, SeriesMetrics.nrmse(pred, 0, truth, 0, h));
    m.put(Measures.FREE_RUN_HORIZON,
        (double) SeriesMetrics.firstExceedance(pred, 0, truth, 0, h, cfg.freeRunThreshold() * sd));
    m.forEach(rec::metric);
    rec.series(Measures.FREE_RUN_PREDICTION, 0, task.toSeriesUnits(pred));
    rec.series(Measures.FREE_RUN_TRUTH, 0, task.toSeriesUnits(truth));
  }
}
