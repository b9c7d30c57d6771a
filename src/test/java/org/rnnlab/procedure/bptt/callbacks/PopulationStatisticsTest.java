package org.rnnlab.procedure.bptt.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.SequenceNetwork;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.Float64View;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.spec.Catalog;
import org.rnnlab.task.GeneratedTask;
import org.rnnlab.task.SequenceTask;

/**
* the bn_statistics callback: batch norm's population statistics re-estimated before every evaluation,
 * everything else unchanged; and the planner's check of max_steps against the training length.
 */
class PopulationStatisticsTest {
  private static TrialConfig config(String norm, String extra) {
    String json = """
        {"task": {"type": "adding", "seq_len": 8},
         "model": {"cell": {"type": "lstm"%s}, "hidden_size": 5},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 6, "steps": 6%s},
         "evaluation": {"every": 2, "test_size": 20, "sets": {"long": {"task": {"type": "adding", "seq_len": 12},
                        "size": 10}}}}
        """.formatted(norm == null ? "" : ", \"norm\": " + norm, extra);
    try {
      return Catalog.standard().mapper().readValue(json, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RecordingRecorder run(TrialConfig c) {
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, 5, 6), r);
    return r;
  }

  private static List<String> lines(RecordingRecorder r, String metric) {
    return r.curve.stream().filter(l -> l.split(",")[1].equals(metric)).toList();
  }

  private static final String BATCH = "{\"type\": \"batch\", \"max_steps\": 8}";
  private static final String NOISY = "{\"type\": \"batch\", \"max_steps\": 8, \"initial_state_noise\": 0.1}";
  private static final String KNOB = ", \"callbacks\": {\"bn_statistics\": {\"batches\": 3}}";

  @Test
  void reEstimationChangesTheMeasurementsOfABatchNormModelOnly() {
    for (String bn : new String[] {BATCH, NOISY}) {
      RecordingRecorder moving = run(config(bn, ""));
      RecordingRecorder exact = run(config(bn, KNOB));
      assertNull(exact.divergedAt);
      // training is bit for bit the same: the passes touch only the buffers (and draw their own noise)
      assertEquals(lines(moving, "train_loss"), lines(exact, "train_loss"), bn);
      assertEquals(lines(moving, "grad_norm"), lines(exact, "grad_norm"), bn);
      // at step 0 the running statistics are the initial ones (mean 0, variance 1): the re-estimated ones differ
      assertNotEquals(lines(moving, "mse"), lines(exact, "mse"), bn);
      assertNotEquals(moving.metrics.get("long.mse"), exact.metrics.get("long.mse"), bn);
      assertEquals(List.copyOf(moving.metrics.keySet()), List.copyOf(exact.metrics.keySet()));
    }
    // layer norm and plain models: every bit the same with the knob as without
    for (String norm : new String[] {null, "{\"type\": \"layer\"}"}) {
      RecordingRecorder a = run(config(norm, ""));
      RecordingRecorder b = run(config(norm, KNOB));
      assertEquals(a.curve, b.curve, String.valueOf(norm));
      assertEquals(a.metrics.toString(), b.metrics.toString(), String.valueOf(norm));
    }
  }

  @Test
  void theStatisticsAreThoseOfTheFixedBatchesWhateverRanBefore() {
    TrialConfig c = config(BATCH, KNOB);
    SequenceTask task = ((SequenceTask) c.task().create());
    Batch probe = ((GeneratedTask) task).sample(9, Rng.of(42));
    Batch other = ((GeneratedTask) task).sample(7, Rng.of(43));
    double[][] outputs = new double[2][];
    double[][] buffers = new double[2][];
    for (int k = 0; k < 2; k++) {
      SequenceModel m = c.model(org.rnnlab.model.SequenceModelConfig.class).build(org.rnnlab.model.ModelShape.of(task), Rng.of(1).child("init"));
      if (k == 1) {
        m.predict(other, 7); // a training-mode pass that moves the running statistics
      }
      TrainingCallback bn = estimator(c, m, task);
      assertTrue(bn instanceof PopulationStatistics.Estimator);
      bn.beforeEvaluation(3);
      double[] after = buffers(m);
      m.predict(other, 7);
      bn.beforeEvaluation(3); // already done for step 3: nothing happens
      assertFalse(java.util.Arrays.equals(after, buffers(m)));
      bn.beforeEvaluation(4);
      assertArrayEquals(after, buffers(m), 0.0, "the same fixed batches, the same weights: the same statistics");
      buffers[k] = after;
      m.setTraining(false);
      outputs[k] = m.predict(probe, 9);
    }
    assertArrayEquals(buffers[0], buffers[1], 0.0);
    assertArrayEquals(outputs[0], outputs[1], 0.0);
  }

  private static double[] buffers(SequenceModel m) {
    return m.params().buffers().stream().map(Params.Buffer::values)
        .flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  @Test
  void modelsWithoutRunningStatisticsGetNoReEstimation() {
    for (String norm : new String[] {null, "{\"type\": \"layer\"}"}) {
      TrialConfig c = config(norm, KNOB);
      SequenceTask task = ((SequenceTask) c.task().create());
      SequenceModel m = c.model(SequenceModelConfig.class).build(ModelShape.of(task), Rng.of(1));
      assertFalse(estimator(c, m, task) instanceof PopulationStatistics.Estimator);
    }
    TrialConfig none = config(BATCH, "");
    SequenceTask task = ((SequenceTask) none.task().create());
    SequenceModel m = none.model(SequenceModelConfig.class).build(ModelShape.of(task), Rng.of(1));
    assertTrue(((BpttTraining) none.training()).callbackConfigs().isEmpty());
  }

  /** The bn_statistics callback of {@code c} for model {@code m}, with the trial root stream Rng.of(1). */
  private static TrainingCallback estimator(TrialConfig c, SequenceModel m, SequenceTask task) {
    BpttTraining t = (BpttTraining) c.training();
    return t.callbackConfigs().get("bn_statistics").create(new TrainingRun(new Trial(c, 1, 0), task, new SequenceNetwork(m), null, t, null,
        new Float64View(new SequenceNetwork(m), () -> m)));
  }

  @Test
  void maxStepsShorterThanTheLongestTrainingSequenceIsOneProblem() {
    TrialConfig shortStats = config("{\"type\": \"batch\", \"max_steps\": 7}", "");
    assertEquals(List.of(new ConfigProblem("/model/cell/norm/max_steps", "batch norm max_steps 7 is shorter than "
            + "the task's longest training sequence (8 steps): give max_steps >= 8")),
        shortStats.check());
    // the longer evaluation set (12 steps) is no problem: past max_steps the last step's statistics are used
    assertEquals(List.of(), config(BATCH, "").check());
  }
}
