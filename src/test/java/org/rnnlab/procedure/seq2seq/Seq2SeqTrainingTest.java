package org.rnnlab.procedure.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.ProcedureContractTest;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Resume;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;

/** The seq2seq procedure: the procedure contract, checkpoints, stored models, schedules and its checks. */
class Seq2SeqTrainingTest extends ProcedureContractTest {
  private static final String TASK = "{\"type\": \"reversal\", \"alphabet\": 5, \"min_len\": 2, \"max_len\": 4}";
  /** The model of every trial here; {@link Seq2SeqFloat32TrainingTest} runs them all again in float32. */
  protected String model() {
    return "{\"type\": \"encoder_decoder\", \"cell\": {\"type\": \"gru\"}, \"hidden_size\": 12, "
        + "\"embedding_dim\": 6, \"attention\": true}";
  }

  private static String config(String model, String training, String task) {
    return "{\"task\": " + task + ", \"model\": " + model + ", \"training\": " + training + ", "
        + "\"evaluation\": {\"every\": 20, \"test_size\": 24, \"track\": [\"test\", \"long\"], \"sets\": {\"long\": "
        + "{\"task\": {\"type\": \"reversal\", \"alphabet\": 5, \"min_len\": 5, \"max_len\": 6}, \"size\": 16, "
        + "\"split\": \"test\"}}}}";
  }

  private static String training(String feeding, int steps, String extra) {
    return "{\"type\": \"seq2seq\", \"optimizer\": {\"type\": \"adam\", \"lr\": 0.01}, \"clipping\": {\"type\": "
        + "\"global_norm\", \"max_norm\": 1.0}, \"batch_size\": 8, \"steps\": " + steps + ", \"feeding\": " + feeding
        + ", \"decoding\": {\"beams\": [1, 2]}" + extra + "}";
  }

  private static final String SCHEDULED = "{\"regime\": \"scheduled_sampling\", \"schedule\": \"linear\", \"k\": 1.0, "
      + "\"c\": 0.01, \"min_epsilon\": 0.2}";

  @Override
  protected String configJson() {
    return config(model(), training(SCHEDULED, 60, ""), TASK);
  }


  /** A recorder that keeps every checkpoint and offers one of them to resume from. */
  private static final class Checkpoints extends RecordingRecorder {
    final List<Resume> saved = new ArrayList<>();
    Resume resumeFrom;

    @Override
    public void checkpoint(long update, byte[] state) {
      saved.add(new Resume(update, state.clone()));
    }

    @Override
    public Resume resume() {
      return resumeFrom;
    }
  }

  @Test
  void aTrialResumedFromACheckpointEndsWithTheSameBits() {
    TrialConfig c = parse(config(model(), training(SCHEDULED, 60, ", \"checkpoint_every\": 20"), TASK));
    Checkpoints whole = new Checkpoints();
    c.training().create().run(new Trial(c, 5, 6), whole);
    assertEquals(List.of(20L, 40L), whole.saved.stream().map(Resume::update).toList());
    Checkpoints resumed = new Checkpoints();
    resumed.resumeFrom = whole.saved.get(0);
    c.training().create().run(new Trial(c, 5, 6), resumed);
    assertEquals(whole.metrics.toString(), resumed.metrics.toString());
    List<String> after = whole.curve.stream().filter(l -> Long.parseLong(l.split(",")[0]) > 20).toList();
    assertEquals(after, resumed.curve);
    assertEquals(whole.series, resumed.series);
  }

  @Test
  void aStoredModelMeasuresAsTheTrialDidAtItsEnd() {
    TrialConfig c = config();
    RecordingRecorder r = new RecordingRecorder();
    Trial trial = new Trial(c, 5, 6);
    c.training().create().run(trial, r);
    assertNotNull(r.model);
    Map<String, Double> again = c.training().evaluate(trial, r.model);
    for (Map.Entry<String, Double> e : again.entrySet()) {
      if (e.getKey().equals(Seq2SeqTraining.STEPS_TO_SOLVE)) {
        continue; // a training fact, not a measurement of the stored model
      }
      assertEquals(r.metrics.get(e.getKey()), e.getValue(), e.getKey());
    }
  }

  @Test
  void theModelTokenRateFollowsTheSchedule() {
    RecordingRecorder r = run(5, 6);
    Feeding f = ((Seq2SeqTraining) config().training()).feeding();
    for (String line : r.curve) {
      String[] p = line.split(",");
      if (p[1].equals(Seq2SeqTraining.MODEL_TOKEN_RATE)) {
        long at = Long.parseLong(p[0]);
        double sum = 0;
        for (long i = at - 20; i < at; i++) {
          sum += 1.0 - f.epsilon(i);
        }
        assertEquals(sum / 20, Double.longBitsToDouble(Long.parseUnsignedLong(p[2], 16)), 1e-12, line);
      }
    }
    assertEquals(0.2, f.epsilon(1000));
    assertEquals(1.0, f.epsilon(0));
  }

  @Test
  void attentionMapsAreRecordedWithTheirSymbols() {
    RecordingRecorder r = run(5, 6);
    assertEquals(3, r.texts.size());
    for (var t : r.texts) {
      String[] lines = t.text().split("\n");
      assertEquals(2, lines.length);
      assertEquals((int) t.value("cols"), lines[0].split(" ").length);
      assertEquals((int) t.value("rows"), lines[1].split(" ").length);
      assertTrue(lines[1].endsWith("</s>") || (int) t.value("rows") == 5, t.text());
    }
    assertTrue(r.series.stream().allMatch(s -> s.startsWith(Seq2SeqTraining.ATTENTION)));
  }

  @Test
  void freeRunningAndTeacherForcingTrainDifferently() {
    TrialConfig tf = parse(config(model(), training("{}", 20, ""), TASK));
    TrialConfig free = parse(config(model(), training("{\"regime\": \"free_running\", \"model_token\": \"greedy\"}", 20,
        ""), TASK));
    RecordingRecorder a = new RecordingRecorder();
    RecordingRecorder b = new RecordingRecorder();
    tf.training().create().run(new Trial(tf, 5, 6), a);
    free.training().create().run(new Trial(free, 5, 6), b);
    assertFalse(a.metrics.toString().equals(b.metrics.toString()));
  }

  private static List<String> pointers(String json) {
    TrialConfig c = parse(json);
    return c.check().stream().map(ConfigProblem::pointer).toList();
  }

  @Test
  void badSettingsAreRefusedWithTheirPointers() {
    assertEquals(List.of("/training/feeding/k"), pointers(config(model(), training("{\"regime\": \"scheduled_sampling\", "
        + "\"schedule\": \"linear\", \"k\": 1.5, \"c\": 0.001}", 60, ""), TASK)));
    assertEquals(List.of("/training/feeding/k"), pointers(config(model(), training("{\"regime\": \"scheduled_sampling\", "
        + "\"schedule\": \"exponential\", \"k\": 1.2}", 60, ""), TASK)));
    assertEquals(List.of("/training/feeding/schedule"), pointers(config(model(), training("{\"regime\": "
        + "\"scheduled_sampling\"}", 60, ""), TASK)));
    assertEquals(List.of("/training/feeding/schedule"), pointers(config(model(), training("{\"schedule\": \"linear\"}",
        60, ""), TASK)));
    assertEquals(List.of("/training/decoding/max_length"), pointers(config(model(), training("{}", 60, "")
        .replace("\"decoding\": {\"beams\": [1, 2]}", "\"decoding\": {\"max_length\": 3}"), TASK)));
    // the long set's sources have up to 6 symbols: a cap of 5 would cut their reversals short
    assertEquals(List.of("/training/decoding/max_length"), pointers(config(model(), training("{}", 60, "")
        .replace("\"decoding\": {\"beams\": [1, 2]}", "\"decoding\": {\"max_length\": 5}"), TASK)));
    assertEquals(List.of(), pointers(config(model(), training("{}", 60, "")
        .replace("\"decoding\": {\"beams\": [1, 2]}", "\"decoding\": {\"max_length\": 6}"), TASK)));
    assertEquals(List.of("/model/type"), pointers(config("{\"cell\": {\"type\": \"gru\"}, \"hidden_size\": 4}",
        training("{}", 60, ""), TASK)));
    assertEquals(List.of("/task/type"), pointers(config(model(), training("{}", 60, ""),
        "{\"type\": \"adding\", \"seq_len\": 10}")));
    assertEquals(List.of("/training/clipping/type"), pointers(config(model(), training("{}", 60, "")
        .replace("\"global_norm\", \"max_norm\": 1.0", "\"per_timestep\", \"threshold\": 1.0"), TASK)));
  }

  @Test
  void theDefaultCapCoversTheLongestTargetOfEverySet() {
    TrialConfig c = config();
    Trial trial = new Trial(c, 5, 6);
    PairEvaluationSets sets = new PairEvaluationSets(trial, trial.task(org.rnnlab.task.PairTask.class));
    assertEquals(6, Seq2SeqLoop.maxLength((Seq2SeqTraining) c.training(), sets), "the long set's sources reach 6");
  }

  @Test
  void bpttRefusesAPairTask() {
    String json = config("{\"cell\": {\"type\": \"gru\"}, \"hidden_size\": 4}", "{\"type\": \"bptt\", \"optimizer\": "
        + "{\"type\": \"sgd\", \"lr\": 0.1}, \"batch_size\": 4, \"steps\": 3}", TASK);
    List<String> p = pointers(json);
    assertTrue(p.contains("/task/type"), p.toString());
  }
}
