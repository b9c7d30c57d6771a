package org.rnnlab.procedure.bptt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.outrec.OutputRecurrence;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.model.OutputRecurrenceModel;
import org.rnnlab.procedure.Attempt;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.EvaluationSets;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Resume;
import org.rnnlab.procedure.Trial;
import org.rnnlab.results.Measures;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.Scorer;
import org.rnnlab.task.SequenceTask;

/**
 * The bptt procedure for an {@link OutputRecurrenceModel}: one update per minibatch with teacher
 * forcing (the previous targets fed as constants, so the pass is parallel over steps and the gradient
 * needs no backpropagation through time), the gradient clipped, the optimiser stepped; the same
 * settings, random streams ({@code init}, {@code data}), curve, divergence rule, checkpoints and kept
 * model as {@link BpttLoop}. Every measurement runs the model twice: free (its own previous argmax fed,
 * step by step: the plain metrics, what "solved" reads) and teacher-forced (the metrics of the set
 * {@code <set>_tf}, e.g. {@code test_tf.accuracy}).
 */
final class OutputRecurrenceLoop implements Procedure {
  /** The suffix of the set name under which a set's teacher-forced metrics are recorded. */
  static final String TEACHER_FORCED = "_tf";

  private final BpttTraining cfg;

  OutputRecurrenceLoop(BpttTraining cfg) {
    this.cfg = cfg;
  }

  /** The name of {@code set}'s teacher-forced measurement. */
  static String teacherForcedSet(String set) {
    return set + TEACHER_FORCED;
  }

  @Override
  public void run(Trial trial, Recorder rec) {
    Attempt.run(rec, () -> new Run(trial, rec));
  }

  /** The trial's network in its precision, with the optimiser and clipping rule of {@code cfg}. */
  private static OutputRecurrence build(Trial trial, SequenceTask task, BpttTraining cfg) {
    if (task.data().evaluationCarriesState()) {
      throw new IllegalArgumentException("an output_recurrence model measures whole sequences; " + task.describe()
          + " is measured as streams carried from batch to batch");
    }
    return trial.config().model(OutputRecurrenceModel.class).network(task, trial.rng().child("init"), cfg.optimizer(),
        cfg.clipping());
  }

  /** The stored model of a trial measured on the trial's sets as at its end, bit for bit. */
  static Map<String, Double> evaluate(Trial trial, ObjectNode stateDict) {
    SequenceTask task = trial.task(SequenceTask.class);
    OutputRecurrence net = build(trial, task, (BpttTraining) trial.config().training());
    net.state().loadStateDict(stateDict, "the stored model");
    return finalMetrics(new EvaluationSets(trial, task), net, null);
  }

  /** Test metrics (free, then teacher-forced), steps_to_solve, then the other sets' metrics. */
  private static Map<String, Double> finalMetrics(EvaluationSets sets, OutputRecurrence net, Long solvedAt) {
    Map<String, Double> out = new LinkedHashMap<>(measure(sets, EvaluationConfig.TEST, net));
    out.put(BpttTraining.STEPS_TO_SOLVE, solvedAt == null ? null : (double) solvedAt);
    for (String set : sets.names()) {
      if (!set.equals(EvaluationConfig.TEST)) {
        out.putAll(measure(sets, set, net));
      }
    }
    return out;
  }

  /** The loss and task metrics of {@code set} running free, then teacher-forced ({@code <set>_tf}). */
  static Map<String, Double> measure(EvaluationSets sets, String set, OutputRecurrence net) {
    Map<String, Double> m = new LinkedHashMap<>();
    measureInto(m, set, sets, set, net, false);
    measureInto(m, teacherForcedSet(set), sets, set, net, true);
    return m;
  }

  /** As EvaluationSets: the loss is the mean over every target position of the set's batches. */
  private static void measureInto(Map<String, Double> m, String name, EvaluationSets sets, String set,
                                  OutputRecurrence net, boolean teacherForced) {
    List<Batch> bs = sets.batches(set);
    Scorer scorer = bs.size() == 1 ? Scorer.oneBatch(sets.task(set)) : sets.task(set).scorer();
    double lossSum = 0.0;
    double weightSum = 0.0;
    for (Batch b : bs) {
      double[] logits = teacherForced ? net.logits(b, net.teacherForcing(b)) : net.freeRunning(b);
      double w = 0.0;
      for (int t = 0; t < b.steps(); t++) {
        for (int i = 0; i < b.size(); i++) {
          w += b.weight(t, i);
        }
      }
      lossSum += w == 0.0 ? 0.0 : net.loss(b, logits) * w;
      weightSum += w;
      scorer.add(b, logits);
    }
    m.put(EvaluationConfig.metricName(name, Measures.LOSS), weightSum == 0.0 ? 0.0 : lossSum / weightSum);
    scorer.result().forEach((k, v) -> m.put(EvaluationConfig.metricName(name, k), v));
  }

  /** One attempt at a trial: the network, optimiser, clipping rule and data, and the loop's own state. */
  private final class Run implements Attempt {
    private final Recorder rec;
    private final SequenceTask task;
    private final OutputRecurrence net;
    private final EvaluationSets sets;
    private final BatchStream data;
    private final EvaluationConfig eval;
    private Long solvedAt;
    private long step;
    private double lossSum;
    private double normSum;
    private int inInterval;

    Run(Trial trial, Recorder rec) {
      this.rec = rec;
      task = trial.task(SequenceTask.class);
      net = build(trial, task, cfg);
      sets = new EvaluationSets(trial, task);
      data = task.data().training(cfg.batchSize(), cfg.trainSize(), trial.rng().child("data"));
      eval = trial.config().evaluation();
    }

    @Override
    public void start() {
      track(0);
    }

    @Override
    public void train() {
      while (step < cfg.steps()) {
        step++;
        Batch b = data.next();
        OutputRecurrence.Update u = net.train(b);
        double loss = u.loss();
        ClipStats c = u.clip();
        lossSum += loss;
        normSum += c.normBefore();
        inInterval++;
        if (!Double.isFinite(loss) || !Double.isFinite(c.normBefore()) || !net.state().finite()) {
          rec.scalar(step, Measures.TRAIN_LOSS, lossSum / inInterval);
          rec.scalar(step, Measures.GRAD_NORM, normSum / inInterval);
          rec.diverged(step);
          return;
        }
        if ((eval.every() != null && step % eval.every() == 0) || step == cfg.steps()) {
          track(step);
          rec.progress(step, cfg.steps());
        }
        if (step < cfg.steps() && step % cfg.checkpointInterval() == 0) {
          rec.checkpoint(step, save());
        }
      }
      finalMetrics(sets, net, solvedAt).forEach(rec::metric);
      if (cfg.keepsModel()) {
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        extras.put("update", step);
        rec.keepModel(net.state().stateDict(), extras);
      }
    }

    /** Records the interval's training scalars (after update 0: none) and measures the tracked sets. */
    private void track(long at) {
      if (inInterval > 0) {
        rec.scalar(at, Measures.TRAIN_LOSS, lossSum / inInterval);
        rec.scalar(at, Measures.GRAD_NORM, normSum / inInterval);
      }
      lossSum = 0.0;
      normSum = 0.0;
      inInterval = 0;
      for (String set : eval.track()) {
        Map<String, Double> m = measure(sets, set, net);
        m.forEach((k, v) -> rec.scalar(at, k, v));
        if (solvedAt == null && solvedOn(set) && task.solved(plain(set, m))) {
          solvedAt = at;
        }
      }
    }

    /** Whether {@code set} decides when the task counts as solved: test if tracked, else validation. */
    private boolean solvedOn(String set) {
      return set.equals(EvaluationConfig.TEST)
          || (set.equals(EvaluationConfig.VALIDATION) && !eval.track().contains(EvaluationConfig.TEST));
    }

    /** The whole training state between two updates: parameters, optimiser, clipping rule, loop counters. */
    private byte[] save() {
      StateWriter w = new StateWriter();
      net.state().saveState(w);
      w.begin("loop").writeLong("update", step).writeDouble("loss_sum", lossSum).writeDouble("norm_sum", normSum)
          .writeInt("in_interval", inInterval).writeLong("solved_at", solvedAt == null ? -1 : solvedAt).end();
      return w.toByteArray();
    }

    @Override
    public void restore(Resume resume) {
      StateReader r = new StateReader(resume.state());
      net.state().restoreState(r);
      r.begin("loop");
      step = r.readLong("update");
      lossSum = r.readDouble("loss_sum");
      normSum = r.readDouble("norm_sum");
      inInterval = r.readInt("in_interval");
      long s = r.readLong("solved_at");
      solvedAt = s < 0 ? null : s;
      r.end();
      r.finish();
      if (step != resume.update()) {
        throw new StateFormatException("the state is of update " + step + ", the checkpoint says " + resume.update());
      }
      for (long k = 0; k < step; k++) {
        data.next(); // the data stream is a function of its seed: replay it to where training was
      }
    }
  }

  /** The metrics of {@code set} under their plain names (what a task's success rule reads); the free-running ones. */
  private static Map<String, Double> plain(String set, Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    String prefix = set.equals(EvaluationConfig.TEST) ? "" : set + ".";
    String tf = teacherForcedSet(set) + ".";
    m.forEach((k, v) -> {
      if (!k.startsWith(tf) && k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

}
