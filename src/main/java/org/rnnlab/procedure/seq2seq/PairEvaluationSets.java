package org.rnnlab.procedure.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.EncoderDecoder;
import org.rnnlab.engine.seq2seq.PairBatch;
import org.rnnlab.engine.seq2seq.Seq2Seq;
import org.rnnlab.generate.BeamSearch;
import org.rnnlab.generate.Generated;
import org.rnnlab.generate.StepFunctions;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.Trial;
import org.rnnlab.results.Measures;
import org.rnnlab.task.PairSet;
import org.rnnlab.task.PairTask;
import org.rnnlab.task.PairTaskConfig;

/**
 * A pair trial's evaluation sets (test, validation, named sets), drawn once from the trial's test
 * seed like a sequence trial's, and how a model is measured on them: the teacher-forced loss per
 * target token, and the task's metrics of its decoded outputs (greedy, or beam search of a width).
 */
final class PairEvaluationSets {
  private final Map<String, PairTask> tasks = new LinkedHashMap<>();
  private final Map<String, PairSet> sets = new LinkedHashMap<>();
  private int[] fed = new int[0];

  PairEvaluationSets(Trial trial, PairTask task) {
    EvaluationConfig e = trial.config().evaluation();
    Rng root = Rng.of(trial.testSeed());
    add(EvaluationConfig.TEST, task, task.data().evaluation(Split.TEST, e.testSize(), root.child("test")));
    if (e.hasValidation()) {
      add(EvaluationConfig.VALIDATION, task, task.data().evaluation(Split.VALIDATION, e.validationSize(),
          root.child("validation")));
    }
    e.sets().forEach((name, set) -> {
      PairTask t = ((PairTaskConfig) set.task()).create();
      if (t.sourceCodec().size() != task.sourceCodec().size() || t.targetCodec().size() != task.targetCodec().size()) {
        throw new IllegalArgumentException("evaluation set " + name + " has other vocabularies than the trial's task");
      }
      add(name, t, t.data().evaluation(set.splitOf(), set.size(), root.child("set").child(name)));
    });
  }

  private void add(String name, PairTask task, PairSet set) {
    if (set.size() == 0) {
      throw new IllegalArgumentException("evaluation set " + name + " is empty");
    }
    tasks.put(name, task);
    sets.put(name, set);
  }

  /** The set names, in order: test, validation (if measured), the named sets. */
  Iterable<String> names() {
    return sets.keySet();
  }

  /** The longest target, its end symbol included, of the tasks of every set. */
  int longestTarget() {
    return tasks.values().stream().mapToInt(PairTask::longestTarget).max().orElseThrow();
  }

  /** The examples of {@code set}. */
  PairSet set(String name) {
    return sets.get(name);
  }

  /**
   * The model's teacher-forced loss and the task's metrics of its greedy outputs on {@code set},
   * {@code chunk} sources at a time, named for the set; keys in a fixed order.
   */
  Map<String, Double> measure(String name, Seq2Seq model, int chunk, int maxLength) {
    PairSet set = sets.get(name);
    double lossSum = 0.0;
    long tokens = 0;
    List<int[]> decoded = new ArrayList<>(set.size());
    for (int from = 0; from < set.size(); from += chunk) {
      int to = Math.min(set.size(), from + chunk);
      PairBatch b = set.batch(from, to);
      if (fed.length < b.targetSteps() * b.size()) { // grown to the largest batch, then reused
        fed = new int[b.targetSteps() * b.size()];
      }
      EncoderDecoder.teacherForcing(b, fed);
      lossSum += model.loss(b, fed) * b.targetTokens();
      tokens += b.targetTokens();
      for (int[] out : model.greedyDecode(b.source(), b.sourceLengths(), maxLength + 1)) {
        decoded.add(withoutEnd(out));
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(EvaluationConfig.metricName(name, Measures.LOSS), lossSum / tokens);
    tasks.get(name).score(set, decoded).forEach((k, v) -> m.put(EvaluationConfig.metricName(name, k), v));
    return m;
  }

  /** The task's metrics of the test set decoded by beam search of width {@code beam}, named test_beamB.*. */
  Map<String, Double> measureBeam(int beam, Seq2Seq model, int maxLength) {
    PairSet set = sets.get(EvaluationConfig.TEST);
    List<int[]> decoded = new ArrayList<>(set.size());
    for (int[] source : set.sources()) {
      decoded.add(decodeBeam(model, source, beam, maxLength).tokens());
    }
    Map<String, Double> m = new LinkedHashMap<>();
    String setName = Decoding.beamSet(beam);
    tasks.get(EvaluationConfig.TEST).score(set, decoded).forEach((k, v) -> m.put(EvaluationConfig.metricName(setName, k), v));
    return m;
  }

  /**
   * The most probable output for {@code source} that beam search of width {@code beam} finds, without
   * its start and end symbols, with its log-probability (end symbol included).
   */
  static Generated decodeBeam(Seq2Seq model, int[] source, int beam, int maxLength) {
    Generated g = new BeamSearch<>(StepFunctions.of(model, source), beam).search(new int[] {PairBatch.START},
        maxLength + 1, PairBatch.END);
    return new Generated(withoutEnd(g.tokens()), g.logProb());
  }

  /** {@code out} without its closing end symbol, if it has one. */
  private static int[] withoutEnd(int[] out) {
    int n = out.length > 0 && out[out.length - 1] == PairBatch.END ? out.length - 1 : out.length;
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
