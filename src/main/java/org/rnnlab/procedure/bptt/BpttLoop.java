package org.rnnlab.procedure.bptt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.EvaluationSets;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.Measures;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.Task;

/**
 * Trains a trial's model by BPTT and measures it on its evaluation sets at the start, every
 * {@code evaluation.every} updates and at the end; everything else a trial wants from the loop is
 * one of its {@link TrainingCallback}s. The curve holds, per evaluation, the mean training loss
 * and the mean pre-clipping gradient norm over the updates since the last one, then the tracked
 * sets' metrics; the first update at which a loss, gradient norm or parameter is not finite ends
 * training as diverged. Every measurement is in evaluation mode. The task counts as solved at the
 * first evaluation whose test metrics (or, if test is not tracked, validation metrics) say so.
 */
final class BpttLoop implements Procedure {
  /** Curve scalar: mean training loss over the updates since the last evaluation. */
  static final String TRAIN_LOSS = Measures.TRAIN_LOSS;
  /** Curve scalar: mean pre-clipping gradient norm over the updates since the last evaluation. */
  static final String GRAD_NORM = Measures.GRAD_NORM;

  private final BpttTraining cfg;

  BpttLoop(BpttTraining cfg) {
    this.cfg = cfg;
  }

  @Override
  public void run(Trial trial, Recorder rec) {
    TrialConfig c = trial.config();
    Task task = trial.task();
    SequenceModel model = c.model(SequenceModelConfig.class).build(ModelShape.of(task), trial.rng().child("init"));
    Optimizer opt = cfg.optimizer().create(model.params().size());
    Trainer trainer = new Trainer(model, opt, cfg.clipping() == null ? new NoClip() : cfg.clipping(),
        cfg.truncation() == null ? 0 : cfg.truncation());
    TrainingRun run = new TrainingRun(trial, task, model, trainer, cfg, rec);
    List<TrainingCallback> callbacks = new ArrayList<>();
    for (CallbackConfig cc : cfg.callbackConfigs().values()) {
      callbacks.add(cc.create(run));
    }
    callbacks.forEach(TrainingCallback::beforeTraining);
    EvaluationSets sets = new EvaluationSets(trial, task);
    BatchStream data = task.data().training(cfg.batchSize(), cfg.trainSize(), trial.rng().child("data"));
    EvaluationConfig eval = c.evaluation();
    Measurer measurer = new Measurer(sets, model, cfg.batchSize(), callbacks);
    String solvedOn = eval.track().contains(EvaluationConfig.TEST) ? EvaluationConfig.TEST
        : eval.track().contains(EvaluationConfig.VALIDATION) ? EvaluationConfig.VALIDATION : null;

    Map<String, Map<String, Double>> tracked = track(0, measurer, eval, rec, callbacks);
    Map<String, Double> test = tracked.get(EvaluationConfig.TEST);
    callbacks.forEach(cb -> cb.endOfStep(0));
    Long solvedAt = solved(task, tracked, solvedOn) ? 0L : null;
    boolean stop = callbacks.stream().anyMatch(TrainingCallback::stopRequested);
    double lossSum = 0.0;
    double normSum = 0.0;
    int inInterval = 0;
    long step = 0;
    while (!stop && step < cfg.steps()) {
      step++;
      Trainer.StepResult r = trainer.step(data.next());
      lossSum += r.loss();
      normSum += r.gradNorm();
      inInterval++;
      for (TrainingCallback cb : callbacks) {
        cb.afterUpdate(step, r);
      }
      if (!Double.isFinite(r.loss()) || !Double.isFinite(r.gradNorm()) || !finite(model.params().values())) {
        rec.scalar(step, TRAIN_LOSS, lossSum / inInterval);
        rec.scalar(step, GRAD_NORM, normSum / inInterval);
        rec.diverged(step);
        return;
      }
      if ((eval.every() != null && step % eval.every() == 0) || step == cfg.steps()) {
        rec.scalar(step, TRAIN_LOSS, lossSum / inInterval);
        rec.scalar(step, GRAD_NORM, normSum / inInterval);
        Map<String, Map<String, Double>> t = track(step, measurer, eval, rec, callbacks);
        if (t.containsKey(EvaluationConfig.TEST)) {
          test = t.get(EvaluationConfig.TEST);
        }
        if (solvedAt == null && solved(task, t, solvedOn)) {
          solvedAt = step;
        }
        lossSum = 0.0;
        normSum = 0.0;
        inInterval = 0;
        stop = callbacks.stream().anyMatch(TrainingCallback::stopRequested);
        rec.progress(stop ? cfg.steps() : step, cfg.steps());
      }
      for (TrainingCallback cb : callbacks) {
        cb.endOfStep(step);
      }
    }
    boolean replaced = false;
    for (TrainingCallback cb : callbacks) {
      replaced |= cb.beforeFinal();
    }
    if (test == null || !eval.track().contains(EvaluationConfig.TEST) || replaced) {
      test = measurer.measure(EvaluationConfig.TEST, step);
    }
    test.forEach(rec::metric);
    rec.metric(BpttTraining.STEPS_TO_SOLVE, solvedAt == null ? null : (double) solvedAt);
    for (String set : sets.names()) {
      if (!set.equals(EvaluationConfig.TEST)) {
        measurer.measure(set, step).forEach(rec::metric);
      }
    }
    FinalState end = new FinalState(step, test, solvedAt);
    for (TrainingCallback cb : callbacks) {
      cb.atEnd(end, rec);
    }
  }

  /** Measures the tracked sets into the curve and tells the callbacks; returns the metrics by set. */
  private static Map<String, Map<String, Double>> track(long step, Measurer measurer, EvaluationConfig eval,
                                                        Recorder rec, List<TrainingCallback> callbacks) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    Map<String, Double> flat = new LinkedHashMap<>();
    for (String set : eval.track()) {
      Map<String, Double> m = measurer.measure(set, step);
      m.forEach((k, v) -> rec.scalar(step, k, v));
      out.put(set, m);
      flat.putAll(m);
    }
    Evaluation e = new Evaluation(step, flat);
    for (TrainingCallback cb : callbacks) {
      cb.afterEvaluation(step, e);
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

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** Measures a set in evaluation mode, after the callbacks' {@code beforeEvaluation} for that update. */
  private record Measurer(EvaluationSets sets, SequenceModel model, int chunk, List<TrainingCallback> callbacks) {
    Map<String, Double> measure(String set, long step) {
      for (TrainingCallback cb : callbacks) {
        cb.beforeEvaluation(step);
      }
      model.setTraining(false);
      try {
        return sets.measure(set, model, chunk);
      } finally {
        model.setTraining(true);
      }
    }
  }
}
