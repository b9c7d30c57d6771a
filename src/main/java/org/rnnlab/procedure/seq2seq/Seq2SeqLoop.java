package org.rnnlab.procedure.seq2seq;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.EncoderDecoder;
import org.rnnlab.engine.seq2seq.PairBatch;
import org.rnnlab.engine.seq2seq.Seq2Seq;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.model.EncoderDecoderModel;
import org.rnnlab.procedure.Attempt;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Resume;
import org.rnnlab.procedure.Trial;
import org.rnnlab.results.Measures;
import org.rnnlab.task.PairStream;
import org.rnnlab.task.PairTask;

/**
 * Trains a trial's encoder–decoder, one update per minibatch of pairs: the fed tokens are chosen
 * first (the true previous tokens, or by {@link Feeding} the model's own from a step-by-step pass),
 * then one forward and backward pass over the whole target with those tokens fixed, the gradient
 * clipped, the optimiser stepped. Measures the tracked sets at the start, every
 * {@code evaluation.every} updates and at the end; a loss, gradient or parameter that is not finite
 * ends training as diverged. Random streams: initialisation {@code init}, data {@code data}, the
 * feeding choices of update i {@code feeding/i} (so a resumed trial needs no feeding state).
 */
final class Seq2SeqLoop implements Procedure {
  private final Seq2SeqTraining cfg;

  Seq2SeqLoop(Seq2SeqTraining cfg) {
    this.cfg = cfg;
  }

  /**
   * The model of a trial in its precision, freshly initialised from the trial's init stream, with the optimiser
   * and clipping rule of {@code cfg}.
   */
  static Seq2Seq build(Trial trial, PairTask task, Seq2SeqTraining cfg) {
    return trial.config().model(EncoderDecoderModel.class).network(task, trial.rng().child("init"), cfg.optimizer(),
        cfg.clipping());
  }

  /**
   * The most tokens an output may have before its end symbol: the spec's, or else the longest target
   * of the trial's task and of every evaluation set's (one cap for every set, so that no set's outputs
   * are cut short of its own targets).
   */
  static int maxLength(Seq2SeqTraining cfg, PairEvaluationSets sets) {
    return cfg.decoding().maxLength() != null ? cfg.decoding().maxLength() : sets.longestTarget() - 1;
  }

  @Override
  public void run(Trial trial, Recorder rec) {
    Attempt.run(rec, () -> new Run(trial, rec));
  }

  /** The stored model of a trial measured on the trial's sets as at its end, bit for bit. */
  static Map<String, Double> evaluate(Trial trial, ObjectNode stateDict) {
    PairTask task = trial.task(PairTask.class);
    Seq2SeqTraining cfg = (Seq2SeqTraining) trial.config().training();
    Seq2Seq model = build(trial, task, cfg);
    model.state().loadStateDict(stateDict, "the stored model");
    PairEvaluationSets sets = new PairEvaluationSets(trial, task);
    return finalMetrics(cfg, sets, model, maxLength(cfg, sets), null);
  }

  /** Test metrics, steps_to_solve, the other sets' metrics, then the test set per beam width. */
  private static Map<String, Double> finalMetrics(Seq2SeqTraining cfg, PairEvaluationSets sets, Seq2Seq model,
                                                  int maxLength, Long solvedAt) {
    model.setTraining(false);
    Map<String, Double> out = new LinkedHashMap<>(sets.measure(EvaluationConfig.TEST, model, cfg.batchSize(), maxLength));
    out.put(Seq2SeqTraining.STEPS_TO_SOLVE, solvedAt == null ? null : (double) solvedAt);
    for (String set : sets.names()) {
      if (!set.equals(EvaluationConfig.TEST)) {
        out.putAll(sets.measure(set, model, cfg.batchSize(), maxLength));
      }
    }
    for (int b : cfg.decoding().beams()) {
      out.putAll(sets.measureBeam(b, model, maxLength));
    }
    model.setTraining(true);
    return out;
  }

  /** One attempt at a trial: the model, optimiser, clipping rule and data, and the loop's own state. */
  private final class Run implements Attempt {
    private final Trial trial;
    private final Recorder rec;
    private final PairTask task;
    private final Seq2Seq model;
    private final PairEvaluationSets sets;
    private final PairStream data;
    private final EvaluationConfig eval;
    private final Rng feedingRoot;
    private final int maxLength;
    private int[] fed = new int[0];
    private Long solvedAt;
    private long step;
    private double lossSum;
    private double normSum;
    private double modelTokenSum;
    private int inInterval;

    Run(Trial trial, Recorder rec) {
      this.trial = trial;
      this.rec = rec;
      task = trial.task(PairTask.class);
      model = build(trial, task, cfg);
      sets = new PairEvaluationSets(trial, task);
      data = task.data().training(cfg.batchSize(), cfg.trainSize(), trial.rng().child("data"));
      eval = trial.config().evaluation();
      feedingRoot = trial.rng().child("feeding");
      maxLength = maxLength(cfg, sets);
    }

    @Override
    public void start() {
      track(0);
    }

    @Override
    public void train() {
      while (step < cfg.steps()) {
        step++;
        PairBatch b = data.next();
        double loss = update(b);
        if (!Double.isFinite(loss) || !Double.isFinite(normSum) || !model.state().finite()) {
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
      finish();
    }

    /** One update on {@code b}: the fed tokens, forward and backward, clipping, the optimiser step. */
    private double update(PairBatch b) {
      if (fed.length < b.targetSteps() * b.size()) { // grown to the largest batch, then reused
        fed = new int[b.targetSteps() * b.size()];
      }
      long i = step - 1;
      double epsilon = cfg.feeding().epsilon(i);
      if (epsilon >= 1.0) {
        EncoderDecoder.teacherForcing(b, fed);
      } else {
        Rng r = feedingRoot.child(i);
        model.chooseFed(b, (t, row) -> Feeding.useModelToken(epsilon, r), cfg.feeding().samples(), r, fed);
      }
      Seq2Seq.Update u = model.train(b, fed);
      double loss = u.loss();
      lossSum += loss;
      normSum += u.clip().normBefore();
      modelTokenSum += 1.0 - epsilon;
      inInterval++;
      return loss;
    }

    /** Records the interval's training scalars (after update 0: none) and measures the tracked sets. */
    private void track(long at) {
      if (inInterval > 0) {
        rec.scalar(at, Measures.TRAIN_LOSS, lossSum / inInterval);
        rec.scalar(at, Measures.GRAD_NORM, normSum / inInterval);
        rec.scalar(at, Seq2SeqTraining.MODEL_TOKEN_RATE, modelTokenSum / inInterval);
      }
      lossSum = 0.0;
      normSum = 0.0;
      modelTokenSum = 0.0;
      inInterval = 0;
      model.setTraining(false);
      for (String set : eval.track()) {
        Map<String, Double> m = sets.measure(set, model, cfg.batchSize(), maxLength);
        m.forEach((k, v) -> rec.scalar(at, k, v));
        if (solvedAt == null && solvedOn(set) && task.solved(plain(set, m))) {
          solvedAt = at;
        }
      }
      model.setTraining(true);
    }

    /** Whether {@code set} decides when the task counts as solved: test if tracked, else validation. */
    private boolean solvedOn(String set) {
      return set.equals(EvaluationConfig.TEST)
          || (set.equals(EvaluationConfig.VALIDATION) && !eval.track().contains(EvaluationConfig.TEST));
    }

    private void finish() {
      finalMetrics(cfg, sets, model, maxLength, solvedAt).forEach(rec::metric);
      if (cfg.recordsAttention(trial.config())) {
        AttentionMaps.record(model, task, sets.set(EvaluationConfig.TEST), cfg.attentionMaps(), maxLength, step, rec);
      }
      if (cfg.keepsModel()) {
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        extras.put("update", step);
        rec.keepModel(model.state().stateDict(), extras);
      }
    }

    /** The whole training state between two updates: parameters, optimiser, clipping rule, loop counters. */
    private byte[] save() {
      StateWriter w = new StateWriter();
      model.state().saveState(w);
      w.begin("loop").writeLong("update", step).writeDouble("loss_sum", lossSum).writeDouble("norm_sum", normSum)
          .writeDouble("model_token_sum", modelTokenSum).writeInt("in_interval", inInterval)
          .writeLong("solved_at", solvedAt == null ? -1 : solvedAt).end();
      return w.toByteArray();
    }

    @Override
    public void restore(Resume resume) {
      StateReader r = new StateReader(resume.state());
      model.state().restoreState(r);
      r.begin("loop");
      step = r.readLong("update");
      lossSum = r.readDouble("loss_sum");
      normSum = r.readDouble("norm_sum");
      modelTokenSum = r.readDouble("model_token_sum");
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

  /** The metrics of {@code set} under their plain names (what a task's success rule reads). */
  private static Map<String, Double> plain(String set, Map<String, Double> m) {
    if (set.equals(EvaluationConfig.TEST)) {
      return m;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k.substring(set.length() + 1), v));
    return out;
  }

}
