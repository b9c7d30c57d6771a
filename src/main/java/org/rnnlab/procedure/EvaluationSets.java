package org.rnnlab.procedure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.Network;
import org.rnnlab.results.Measures;
import org.rnnlab.task.Scorer;
import org.rnnlab.task.SequenceTask;

/**
 * The evaluation sets of one trial, drawn once from the test seed's streams ({@code "test"},
 * {@code "validation"}, {@code "set/NAME"}), and a model's metrics on them: the loss first, then
 * the task's metrics, named as {@link EvaluationConfig#metricName} says. A set is one batch, or several
 * ({@link org.rnnlab.task.TaskData#evaluationBatches}: a dataset's split in chunks of similar lengths)
 * measured one after another and scored together.
 */
public final class EvaluationSets {
  private final Map<String, SequenceTask> tasks = new LinkedHashMap<>();
  private final Map<String, List<Batch>> batches = new LinkedHashMap<>();
  private final Map<String, Split> splits = new LinkedHashMap<>();

  /** Draws the sets of {@code trial}, whose own task is {@code task}. */
  public EvaluationSets(Trial trial, SequenceTask task) {
    EvaluationConfig e = trial.config().evaluation();
    Rng root = Rng.of(trial.testSeed());
    add(EvaluationConfig.TEST, task, Split.TEST,
        task.data().evaluationBatches(Split.TEST, e.testSize(), root.child("test")));
    if (e.hasValidation()) {
      add(EvaluationConfig.VALIDATION, task, Split.VALIDATION,
          task.data().evaluationBatches(Split.VALIDATION, e.validationSize(), root.child("validation")));
    }
    e.sets().forEach((name, set) -> {
      SequenceTask t = ((SequenceTaskConfig) set.task()).create();
      if (t.inputSize() != task.inputSize() || t.outputSize() != task.outputSize()
          || t.classification() != task.classification() || t.readout() != task.readout()) {
        throw new IllegalArgumentException("evaluation set " + name + " has other input/output shapes than the "
            + "trial's task");
      }
      add(name, t, set.splitOf(), t.data().evaluationBatches(set.splitOf(), set.size(), root.child("set").child(name)));
    });
  }

  private void add(String name, SequenceTask task, Split split, List<Batch> set) {
    if (set.isEmpty()) {
      throw new IllegalArgumentException("evaluation set " + name + " has no batch");
    }
    tasks.put(name, task);
    splits.put(name, split);
    batches.put(name, List.copyOf(set));
  }

  /** The set names, in order: test, validation (if measured), the named sets. */
  public Iterable<String> names() {
    return batches.keySet();
  }

  /** The task of {@code set} (the trial's own for test and validation). */
  public SequenceTask task(String set) {
    return tasks.get(set);
  }

  /** The batch of {@code set}, which must be a one-batch set. */
  public Batch batch(String set) {
    List<Batch> b = batches.get(set);
    if (b.size() != 1) {
      throw new IllegalStateException("evaluation set " + set + " has " + b.size() + " batches");
    }
    return b.get(0);
  }

  /** The batches of {@code set}, in the order they are measured. */
  public List<Batch> batches(String set) {
    return batches.get(set);
  }

  /**
   * The model's loss and task metrics on {@code set}, predicting {@code chunk} sequences at a
   * time, with the set's prefix; keys in a fixed order.
   */
  public Map<String, Double> measure(String set, Network model, int chunk) {
    List<Batch> bs = batches.get(set);
    SequenceTask task = tasks.get(set);
    Map<String, Double> m = new LinkedHashMap<>();
    if (task.data().evaluationCarriesState()) {
      return measureCarried(set, bs, task.scorer(splits.get(set)), model);
    }
    if (bs.size() == 1) {
      Batch b = bs.get(0);
      double[] out = model.predict(b, chunk);
      m.put(EvaluationConfig.metricName(set, Measures.LOSS), model.loss(b, out));
      task.evaluate(b, out).forEach((k, v) -> m.put(EvaluationConfig.metricName(set, k), v));
      return m;
    }
    // several batches: the loss is the mean over all target positions (each batch's mean weighted by
    // its positions' total weight), the task's metrics those of its scorer over every batch
    Scorer scorer = task.scorer();
    double lossSum = 0.0;
    double weightSum = 0.0;
    for (Batch b : bs) {
      double[] out = model.predict(b, chunk);
      double w = targetWeight(b, model.readout());
      lossSum += w == 0.0 ? 0.0 : model.loss(b, out) * w;
      weightSum += w;
      scorer.add(b, out);
    }
    m.put(EvaluationConfig.metricName(set, Measures.LOSS), weightSum == 0.0 ? 0.0 : lossSum / weightSum);
    scorer.result().forEach((k, v) -> m.put(EvaluationConfig.metricName(set, k), v));
    return m;
  }

  /**
   * A text cut into streams: each batch continues the previous one's sequences, so the state is
   * carried from batch to batch; the loss is the mean over every predicted position. The outputs
   * go to one buffer, reallocated only when a batch's length differs from the one before (a text's
   * last, shorter segment), so a long text costs no more memory than a segment.
   */
  private static Map<String, Double> measureCarried(String set, List<Batch> bs, Scorer scorer, Network model) {
    Map<String, Double> m = new LinkedHashMap<>();
    double[] sums = new double[2]; // loss x weight, weight
    model.predictCarried(bs, (b, out) -> {
      double w = targetWeight(b, model.readout());
      sums[0] += w == 0.0 ? 0.0 : model.loss(b, out) * w;
      sums[1] += w;
      scorer.add(b, out);
    });
    m.put(EvaluationConfig.metricName(set, Measures.LOSS), sums[1] == 0.0 ? 0.0 : sums[0] / sums[1]);
    scorer.result().forEach((k, v) -> m.put(EvaluationConfig.metricName(set, k), v));
    return m;
  }

  /** The total weight of a batch's targets: the number of sequences, or of weighted steps. */
  private static double targetWeight(Batch b, ReadoutMode readout) {
    if (readout != ReadoutMode.EVERY_STEP) {
      return b.size();
    }
    double w = 0.0;
    for (int t = 0; t < b.steps(); t++) {
      for (int i = 0; i < b.size(); i++) {
        w += b.weight(t, i);
      }
    }
    return w;
  }
}
