package org.rnnlab.procedure.bptt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Network;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.OutputRecurrenceModel;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.Attempt;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.EvaluationSets;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Resume;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.Measures;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.SequenceTask;

/**
 * Trains a trial's model by BPTT and measures it on its evaluation sets at the start, every
 * {@code evaluation.every} updates and at the end; everything else a trial wants from the loop is
 * one of its {@link TrainingCallback}s. The curve holds, per evaluation, the mean training loss
 * and the mean pre-clipping gradient norm over the updates since the last one, then the tracked
 * sets' metrics; the first update at which a loss, gradient norm or parameter is not finite ends
 * training as diverged. Every measurement is in evaluation mode. The task counts as solved at the
 * first evaluation whose test metrics (or, if test is not tracked, validation metrics) say so.
 * An {@link OutputRecurrenceModel} has no recurrent stack: its trials run {@link OutputRecurrenceLoop}.
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
    if (trial.config().model() instanceof OutputRecurrenceModel) {
      new OutputRecurrenceLoop(cfg).run(trial, rec); // teacher forcing: no recurrent stack to backpropagate through
      return;
    }
    Attempt.run(rec, () -> new Run(trial, rec));
  }

  /** The model of a stored trial, measured on the trial's sets as at its end (see {@link BpttTraining#evaluate}). */
  static Map<String, Double> evaluate(Trial trial, ObjectNode stateDict) {
    if (trial.config().model() instanceof OutputRecurrenceModel) {
      return OutputRecurrenceLoop.evaluate(trial, stateDict);
    }
    SequenceTask task = trial.task(SequenceTask.class);
    Network model = trial.config().model(SequenceModelConfig.class).network(ModelShape.of(task),
        trial.rng().child("init"));
    model.loadStateDict(stateDict, "the stored model");
    EvaluationSets sets = new EvaluationSets(trial, task);
    Measurer m = new Measurer(sets, model, ((BpttTraining) trial.config().training()).batchSize(), List.of());
    Map<String, Double> out = new LinkedHashMap<>(m.measure(EvaluationConfig.TEST, 0));
    for (String set : sets.names()) {
      if (!set.equals(EvaluationConfig.TEST)) {
        out.putAll(m.measure(set, 0));
      }
    }
    return out;
  }

  /** One attempt at a trial: the model, trainer, callbacks and data, and the loop's own state. */
  private final class Run implements Attempt {
    private final Trial trial;
    private final Recorder rec;
    private final SequenceTask task;
    private final Network model;
    private final Network.Training trainer;
    private final Map<String, TrainingCallback> callbacks = new LinkedHashMap<>();
    private final EvaluationSets sets;
    private final BatchStream data;
    private final EvaluationConfig eval;
    private final Measurer measurer;
    private final String solvedOn;
    private Map<String, Double> test;
    private Long solvedAt;
    private boolean stop;
    private double lossSum;
    private double normSum;
    private int inInterval;
    private long step;

    Run(Trial trial, Recorder rec) {
      this.trial = trial;
      this.rec = rec;
      TrialConfig c = trial.config();
      task = trial.task(SequenceTask.class);
      model = c.model(SequenceModelConfig.class).network(ModelShape.of(task), trial.rng().child("init"));
      trainer = model.trainer(cfg.optimizer(), cfg.clipping(), cfg.truncation() == null ? 0 : cfg.truncation());
      SequenceModelConfig mc = c.model(SequenceModelConfig.class);
      // callbacks that read engine internals see a float32 model through a float64 copy of its weights
      Float64View view = new Float64View(model, () -> mc.build(ModelShape.of(task), Rng.of(0)));
      TrainingRun run = new TrainingRun(trial, task, model, trainer, cfg, rec, view);
      cfg.callbackConfigs().forEach((key, cc) -> callbacks.put(key, cc.create(run)));
      callbacks.values().forEach(TrainingCallback::beforeTraining);
      sets = new EvaluationSets(trial, task);
      data = task.data().training(cfg.batchSize(), cfg.trainSize(), trial.rng().child("data"));
      eval = c.evaluation();
      measurer = new Measurer(sets, model, cfg.batchSize(), List.copyOf(callbacks.values()));
      solvedOn = eval.track().contains(EvaluationConfig.TEST) ? EvaluationConfig.TEST
          : eval.track().contains(EvaluationConfig.VALIDATION) ? EvaluationConfig.VALIDATION : null;
    }

    /** The initial weights' evaluation (update 0). */
    @Override
    public void start() {
      Map<String, Map<String, Double>> tracked = track(0, measurer, eval, rec, callbacks.values());
      test = tracked.get(EvaluationConfig.TEST);
      callbacks.values().forEach(cb -> cb.endOfStep(0));
      solvedAt = solved(task, tracked, solvedOn) ? 0L : null;
      stop = callbacks.values().stream().anyMatch(TrainingCallback::stopRequested);
    }

    /** Trains from the current update to the end, then records the final metrics (and keeps the model). */
    @Override
    public void train() {
      while (!stop && step < cfg.steps()) {
        step++;
        StepResult r = trainer.step(data.next(), data.continuesPrevious());
        lossSum += r.loss();
        normSum += r.gradNorm();
        inInterval++;
        for (TrainingCallback cb : callbacks.values()) {
          cb.afterUpdate(step, r);
        }
        if (!Double.isFinite(r.loss()) || !Double.isFinite(r.gradNorm()) || !model.finite()) {
          rec.scalar(step, TRAIN_LOSS, lossSum / inInterval);
          rec.scalar(step, GRAD_NORM, normSum / inInterval);
          rec.diverged(step);
          return;
        }
        if ((eval.every() != null && step % eval.every() == 0) || step == cfg.steps()) {
          rec.scalar(step, TRAIN_LOSS, lossSum / inInterval);
          rec.scalar(step, GRAD_NORM, normSum / inInterval);
          Map<String, Map<String, Double>> t = track(step, measurer, eval, rec, callbacks.values());
          if (t.containsKey(EvaluationConfig.TEST)) {
            test = t.get(EvaluationConfig.TEST);
          }
          if (solvedAt == null && solved(task, t, solvedOn)) {
            solvedAt = step;
          }
          lossSum = 0.0;
          normSum = 0.0;
          inInterval = 0;
          stop = callbacks.values().stream().anyMatch(TrainingCallback::stopRequested);
          rec.progress(stop ? cfg.steps() : step, cfg.steps());
        }
        for (TrainingCallback cb : callbacks.values()) {
          cb.endOfStep(step);
        }
        if (!stop && step < cfg.steps() && step % cfg.checkpointInterval() == 0) {
          rec.checkpoint(step, save());
        }
      }
      finish();
    }

    private void finish() {
      boolean replaced = false;
      for (TrainingCallback cb : callbacks.values()) {
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
      for (TrainingCallback cb : callbacks.values()) {
        cb.atEnd(end, rec);
      }
      if (cfg.keepsModel()) {
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        extras.put("update", step);
        rec.keepModel(model.stateDict(), extras);
      }
    }

    /** The whole training state between two updates: trainer (model, optimiser, clipping), loop, callbacks. */
    private byte[] save() {
      StateWriter w = new StateWriter();
      trainer.saveState(w);
      w.begin("loop").writeLong("update", step).writeDouble("loss_sum", lossSum).writeDouble("norm_sum", normSum)
          .writeInt("in_interval", inInterval).writeLong("solved_at", solvedAt == null ? -1 : solvedAt);
      w.writeString("test_names", test == null ? "" : String.join("\n", test.keySet()));
      w.writeDoubles("test_values", test == null ? new double[0]
          : test.values().stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray());
      w.writeBoolean("has_test", test != null).end();
      callbacks.forEach((key, cb) -> {
        w.begin("callback." + key);
        cb.save(w);
        w.end();
      });
      return w.toByteArray();
    }

    /** Restores {@link #save}'s state and moves the training data to where it was. */
    @Override
    public void restore(Resume resume) {
      StateReader r = new StateReader(resume.state());
      trainer.restoreState(r);
      r.begin("loop");
      step = r.readLong("update");
      lossSum = r.readDouble("loss_sum");
      normSum = r.readDouble("norm_sum");
      inInterval = r.readInt("in_interval");
      long s = r.readLong("solved_at");
      solvedAt = s < 0 ? null : s;
      String names = r.readString("test_names");
      double[] values = r.readDoubles("test_values");
      test = null;
      if (r.readBoolean("has_test")) {
        test = new LinkedHashMap<>();
        String[] n = names.isEmpty() ? new String[0] : names.split("\n", -1);
        for (int i = 0; i < n.length; i++) {
          test.put(n[i], values[i]);
        }
      }
      r.end();
      for (Map.Entry<String, TrainingCallback> e : callbacks.entrySet()) {
        r.begin("callback." + e.getKey());
        e.getValue().restore(r);
        r.end();
      }
      r.finish();
      if (step != resume.update()) {
        throw new StateFormatException("the state is of update " + step + ", the checkpoint says " + resume.update());
      }
      for (long k = 0; k < step; k++) {
        data.next(); // the data stream is a function of its seed: replay it to where training was
      }
    }
  }

  /** Measures the tracked sets into the curve and tells the callbacks; returns the metrics by set. */
  private static Map<String, Map<String, Double>> track(long step, Measurer measurer, EvaluationConfig eval,
                                                        Recorder rec, Collection<TrainingCallback> callbacks) {
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
  private static boolean solved(SequenceTask task, Map<String, Map<String, Double>> tracked, String on) {
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


  /** Measures a set in evaluation mode, after the callbacks' {@code beforeEvaluation} for that update. */
  private record Measurer(EvaluationSets sets, Network model, int chunk, List<TrainingCallback> callbacks) {
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
