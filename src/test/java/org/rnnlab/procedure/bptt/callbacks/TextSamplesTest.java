package org.rnnlab.procedure.bptt.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.generate.ModelStep;
import org.rnnlab.generate.Sampler;
import org.rnnlab.generate.SequenceScorer;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.Measures;
import org.rnnlab.results.TextRow;
import org.rnnlab.spec.Catalog;
import org.rnnlab.task.TokenCodec;

/**
 * The samples callback records what it says: a sample after each fraction of training from the same
 * prime and seed, the last of which {@code rnnlab sample} reproduces from the kept model; per
 * temperature a sample whose recorded bits per token are the model's own scoring of it; greedy
 * sampling equal to beam width 1; and it refuses a task that does not generate.
 */
class TextSamplesTest {
  static final String TOY_TASK = "{\"type\": \"language_model\", \"corpus\": \"toy\", \"segment_length\": 5}";
  static final String TOY_MODEL = "{\"cell\": {\"type\": \"gru\"}, \"hidden_size\": 4, \"embedding_dim\": 3}";

  static TrialConfig config(String task, String samples) {
    String json = """
        {"task": %s, "model": %s,
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.05}, "batch_size": 4, "steps": 40,
                      "callbacks": {"samples": %s}},
         "evaluation": {"every": 20, "track": ["validation"]}}
        """.formatted(task, TOY_MODEL, samples);
    try {
      return Catalog.standard().mapper().readValue(json, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  @Test
  void samplesDuringTrainingComeFromOnePrimeAndSeedAndTheLastIsWhatSampleReproduces() {
    TrialConfig c = config(TOY_TASK, "{\"at\": [0, 0.1, 1], \"length\": 8, \"prime\": \"the\", \"seed\": 7, "
        + "\"temperature\": 1.0, \"temperatures\": [0, 0.5, 1, 3], \"scored_length\": 30, \"beams\": [1, 4], "
        + "\"beam_length\": 6}");
    assertEquals(List.of(), c.check());
    Trial trial = new Trial(c, 5, 99);
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(trial, r);
    List<TextRow> during = r.texts.stream().filter(t -> t.name().equals(TextSamples.DURING_TRAINING)).toList();
    assertEquals(List.of(0L, 4L, 40L), during.stream().map(TextRow::step).toList());
    for (TextRow t : during) {
      assertTrue(t.text().startsWith("the "), t.text());
      assertEquals(1.0, t.value("temperature"));
    }
    assertEquals(0.1, during.get(1).value("fraction"));

    // The kept model, loaded as `rnnlab sample` loads it, gives the last sample again.
    SequenceModel model = ((SequenceModelConfig) c.model()).build(ModelShape.of(trial.task(SequenceTask.class)), Rng.of(1));
    ParamsIO.fromJson(model.params(), r.model, "the kept model");
    model.setTraining(false);
    TokenCodec codec = trial.task(SequenceTask.class).codec().orElseThrow();
    ModelStep f = new ModelStep(model);
    int[] prime = codec.encode("the");
    String again = "the" + codec.decode(new Sampler<>(f).sample(prime, 8, 1.0, -1, Rng.of(7).child("sample"))
        .tokens());
    assertEquals(during.get(2).text(), again);

    List<TextRow> temps = r.texts.stream().filter(t -> t.name().equals(TextSamples.AT_TEMPERATURE)).toList();
    assertEquals(4, temps.size());
    SequenceScorer<SequenceModel.State> scorer = new SequenceScorer<>(f);
    for (TextRow t : temps) {
      int[] continuation = codec.encode(t.text().substring("the".length()).strip());
      assertEquals(30, continuation.length);
      double bits = -scorer.logProb(prime, continuation) / (30 * Math.log(2.0));
      assertEquals(bits, t.value("bits_per_token"), 1e-12 * bits, "bits per token is the model's own scoring");
    }
    assertTrue(temps.get(3).value("bits_per_token") > temps.get(0).value("bits_per_token"),
        "a hot sample is less probable under the model than the greedy one");
    List<TextRow> beams = r.texts.stream().filter(t -> t.name().equals(TextSamples.BEAM)).toList();
    assertEquals(List.of(1.0, 4.0), beams.stream().map(t -> t.value("beam")).toList());
    String greedy = temps.get(0).text();
    assertEquals(greedy.substring(0, beams.get(0).text().length()), beams.get(0).text(),
        "beam width 1 is greedy decoding");
    assertTrue(beams.get(1).value("log_probability") >= beams.get(0).value("log_probability"),
        "a wider beam finds a sequence at least as probable");
    assertTrue(r.series.stream().anyMatch(s -> s.startsWith(Measures.SAMPLES_BITS + ",40,")), r.series.toString());
  }

  @Test
  void aTaskThatDoesNotGenerateIsRefusedAtItsKey() {
    TrialConfig c = config("{\"type\": \"adding\", \"seq_len\": 7}", "{}");
    List<ConfigProblem> problems = c.check();
    assertTrue(problems.stream().anyMatch(p -> p.pointer().equals("/training/callbacks/samples")
        && p.message().contains("language model")), problems.toString());
  }

  @Test
  void badSettingsAreRefusedNamingTheKey() {
    for (String[] bad : new String[][] {{"{\"at\": [1.5]}", "at"}, {"{\"temperature\": -1}", "temperature"},
        {"{\"beams\": [0]}", "beam"}, {"{\"temperatures\": [1, -0.5]}", "temperatures"}}) {
      Exception e = assertThrows(IllegalArgumentException.class, () -> config(TOY_TASK, bad[0]));
      assertTrue(e.getMessage().contains(bad[1]), bad[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void distinctFourGramsCountsRepeats() {
    assertEquals(1.0, TextSamples.distinct4grams(new int[] {1, 2, 3, 4, 5}));
    assertEquals(1.0 / 3, TextSamples.distinct4grams(new int[] {1, 1, 1, 1, 1, 1}), 1e-15);
  }
}
