package org.rnnlab.procedure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.data.Split;
import org.rnnlab.task.Task;

/**
 * The evaluation sets of one trial, drawn once from the test seed's streams ({@code "test"},
 * {@code "validation"}, {@code "set/NAME"}), and a model's metrics on them: the loss first, then
 * the task's metrics, named as {@link EvaluationConfig#metricName} says.
 */
public final class EvaluationSets {
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, Batch> batches = new LinkedHashMap<>();

  /** Draws the sets of {@code trial}, whose own task is {@code task}. */
  public EvaluationSets(Trial trial, Task task) {
    EvaluationConfig e = trial.config().evaluation();
    Rng root = Rng.of(trial.testSeed());
    add(EvaluationConfig.TEST, task, task.data().evaluation(Split.TEST, e.testSize(), root.child("test")));
    if (e.hasValidation()) {
      add(EvaluationConfig.VALIDATION, task,
          task.data().evaluation(Split.VALIDATION, e.validationSize(), root.child("validation")));
    }
    e.sets().forEach((name, set) -> {
      Task t = set.task().create();
      if (t.inputSize() != task.inputSize() || t.outputSize() != task.outputSize()
          || t.classification() != task.classification() || t.readout() != task.readout()) {
        throw new IllegalArgumentException("evaluation set " + name + " has other input/output shapes than the "
            + "trial's task");
      }
      add(name, t, t.data().evaluation(set.splitOf(), set.size(), root.child("set").child(name)));
    });
  }

  private void add(String name, Task task, Batch batch) {
    tasks.put(name, task);
    batches.put(name, batch);
  }

  /** The set names, in order: test, validation (if measured), the named sets. */
  public Iterable<String> names() {
    return batches.keySet();
  }

  /** The task of {@code set} (the trial's own for test and validation). */
  public Task task(String set) {
    return tasks.get(set);
  }

  /** The batch of {@code set}. */
  public Batch batch(String set) {
    return batches.get(set);
  }

  /**
   * The model's loss and task metrics on {@code set}, predicting {@code chunk} sequences at a
   * time, with the set's prefix; keys in a fixed order.
   */
  public Map<String, Double> measure(String set, SequenceModel model, int chunk) {
    Batch b = batches.get(set);
    double[] out = model.predict(b, chunk);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(EvaluationConfig.metricName(set, "loss"), model.loss(b, out));
    tasks.get(set).evaluate(b, out).forEach((k, v) -> m.put(EvaluationConfig.metricName(set, k), v));
    return m;
  }
}
