package org.rnnlab.procedure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.reservoir.ReadoutFitting;
import org.rnnlab.results.Measures;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.Task;

/**
 * Trains a trial's model by BPTT and measures it on its evaluation sets at the start, every
 * {@code evaluation.every} updates and at the end. The curve holds, per evaluation, the mean
 * training loss and the largest pre-clipping gradient norm over the updates since the last one,
 * then the tracked sets' metrics; the first update at which a loss, gradient norm or parameter is
 * not finite ends training as diverged. Every measurement is in evaluation mode; for a batch-norm
 * model with {@code bn_statistics_batches}, after the population statistics have been re-estimated
 * with the weights being measured ({@link BatchNormStatistics}). The task counts as solved at the
 * first evaluation whose test metrics (or, if test is not tracked, validation metrics) say so.
 * With {@code diagnostics}, {@link TrainingProbes} records series beside the curve (the curve
 * itself is unchanged).
 */
final class BpttProcedure implements Procedure {
  private final BpttTraining cfg;

  BpttProcedure(BpttTraining cfg) {
    this.cfg = cfg;
  }

  @Override
  public void run(Trial trial, Recorder rec) {
    TrialConfig c = trial.config();
    Rng root = trial.rng();
    Task task = trial.task();
    SequenceModel model = c.model().build(task.inputSize(), task.vocabularySize(), task.outputSize(), task.readout(),
        task.classification(), root.child("init"));
    if (cfg.pretrainReadout() != null) {
      pretrainReadout(cfg.pretrainReadout(), model, task, c, root);
    }
    Optimizer opt = cfg.optimizer().create(model.params().size());
    Trainer trainer = new Trainer(model, opt, cfg.clipping() == null ? new NoClip() : cfg.clipping(),
        cfg.truncation() == null ? 0 : cfg.truncation());
    EvaluationSets sets = new EvaluationSets(trial, task);
    BatchStream data = task.data().training(cfg.batchSize(), cfg.trainSize(), root.child("data"));
    EvaluationConfig eval = c.evaluation();
    int chunk = cfg.batchSize();
    TrainingProbes probes = cfg.diagnostics() == null ? null
        : new TrainingProbes(cfg.diagnostics(), model, task, root.child("diagnostics"));
    BatchNormStatistics bn = BatchNormStatistics.of(cfg, model, task, root);
    String solvedOn = eval.track().contains(EvaluationConfig.TEST) ? EvaluationConfig.TEST
        : eval.track().contains(EvaluationConfig.VALIDATION) ? EvaluationConfig.VALIDATION : null;

    Map<String, Map<String, Double>> tracked = track(0, sets, model, eval, chunk, rec, bn);
    Map<String, Double> test = tracked.get(EvaluationConfig.TEST);
    if (probes != null) {
      probes.thresholds(0, trainer, rec);
      if (probes.measuresAt(0, cfg.steps())) {
        probes.measure(0, rec);
      }
    }
    Integer solvedAt = solved(task, tracked, solvedOn) ? 0 : null;
    double lossSum = 0.0;
    double normSum = 0.0;
    int inInterval = 0;
    for (int step = 1; step <= cfg.steps(); step++) {
      Trainer.StepResult r = trainer.step(data.next());
      lossSum += r.loss();
      normSum += r.gradNorm();
      inInterval++;
      if (probes != null) {
        probes.clipped(step, r.clips(), trainer, rec);
      }
      if (!Double.isFinite(r.loss()) || !Double.isFinite(r.gradNorm()) || !finite(model.params().values())) {
        rec.scalar(step, Measures.TRAIN_LOSS, lossSum / inInterval);
        rec.scalar(step, Measures.GRAD_NORM, normSum / inInterval);
        rec.diverged(step);
        return;
      }
      boolean last = step == cfg.steps();
      if ((eval.every() != null && step % eval.every() == 0) || last) {
        rec.scalar(step, Measures.TRAIN_LOSS, lossSum / inInterval);
        rec.scalar(step, Measures.GRAD_NORM, normSum / inInterval);
        Map<String, Map<String, Double>> t = track(step, sets, model, eval, chunk, rec, bn);
        if (t.containsKey(EvaluationConfig.TEST)) {
          test = t.get(EvaluationConfig.TEST);
        }
        if (solvedAt == null && solved(task, t, solvedOn)) {
          solvedAt = step;
        }
        lossSum = 0.0;
        normSum = 0.0;
        inInterval = 0;
        rec.progress(step, cfg.steps());
      }
      if (probes != null && probes.measuresAt(step, cfg.steps())) {
        probes.measure(step, rec);
      }
    }
    if (test == null || !eval.track().contains(EvaluationConfig.TEST)) {
      test = measure(sets, EvaluationConfig.TEST, model, chunk, cfg.steps(), bn);
    }
    test.forEach(rec::metric);
    rec.metric(BpttTraining.STEPS_TO_SOLVE, solvedAt == null ? null : (double) solvedAt);
    if (Boolean.TRUE.equals(cfg.reportSuccess())) {
      rec.metric(BpttTraining.SUCCESS, task.solved(test) ? 1.0 : 0.0);
      rec.metric(BpttTraining.SEQUENCES_TO_SOLVE, solvedAt == null ? null : (double) solvedAt * cfg.batchSize());
    }
    for (String set : sets.names()) {
      if (!set.equals(EvaluationConfig.TEST)) {
        measure(sets, set, model, chunk, cfg.steps(), bn).forEach(rec::metric);
      }
    }
    if (probes != null) {
      probes.metrics(rec);
    }
  }

  /** The readout's data-dependent start ({@link BpttTraining.ReadoutPretraining}), in evaluation mode. */
  private void pretrainReadout(BpttTraining.ReadoutPretraining p, SequenceModel model, Task task, TrialConfig c,
                               Rng root) {
    boolean fresh = cfg.trainSize() == null && c.task().datasets().isEmpty();
    int n = cfg.trainSize() == null ? p.sequences() : Math.min(p.sequences(), cfg.trainSize());
    Batch b = task.data().training(n, cfg.trainSize(), root.child(fresh ? "pretrain" : "data")).next();
    model.setTraining(false);
    try {
      if (p.fit().equals("ridge")) {
        ReadoutFitting.fitRidge(model, b, p.lambda());
      } else {
        ReadoutFitting.setOutputBiasToMeanTarget(model, b);
      }
    } finally {
      model.setTraining(true);
    }
  }

  /** Measures the tracked sets into the curve; returns their metrics by set (with the sets' prefixes). */
  private static Map<String, Map<String, Double>> track(long step, EvaluationSets sets, SequenceModel model,
                                                        EvaluationConfig eval, int chunk, Recorder rec,
                                                        BatchNormStatistics bn) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (String set : eval.track()) {
      Map<String, Double> m = measure(sets, set, model, chunk, step, bn);
      m.forEach((k, v) -> rec.scalar(step, k, v));
      out.put(set, m);
    }
    return out;
  }

  /** Whether the tracked metrics of set {@code on} (null: none) meet the task's criterion. */
  private static boolean solved(Task task, Map<String, Map<String, Double>> tracked, String on) {
    if (on == null || !tracked.containsKey(on)) {
      return false;
    }
    if (on.equals(EvaluationConfig.TEST)) {
      return task.solved(tracked.get(on));
    }
    // the task's criterion reads plain metric names: strip the set's prefix
    Map<String, Double> plain = new LinkedHashMap<>();
    String prefix = on + ".";
    tracked.get(on).forEach((k, v) -> plain.put(k.substring(prefix.length()), v));
    return task.solved(plain);
  }

  /**
   * The model's metrics on {@code set} after update {@code step}, in evaluation mode (population
   * statistics of normalisation layers, re-estimated first if {@code bn} is given).
   */
  private static Map<String, Double> measure(EvaluationSets sets, String set, SequenceModel model, int chunk,
                                             long step, BatchNormStatistics bn) {
    if (bn != null) {
      bn.before(step, model);
    }
    model.setTraining(false);
    try {
      return sets.measure(set, model, chunk);
    } finally {
      model.setTraining(true);
    }
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
