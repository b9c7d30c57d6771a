package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rnnlab evaluate} reproduces a trial's recorded metrics from its stored model bit for bit;
 * a trial without a stored model, or with a damaged one, is one line; and {@code rnnlab sample}
 * on a trained toy language model generates, refusing a prime outside its vocabulary.
 */
class EvaluateCmdTest {
  static final String LM = """
      {"description": "Toy language model.", "task": {"type": "language_model", "corpus": "toy", "segment_length": 5},
       "model": {"cell": {"type": "gru"}, "hidden_size": 4, "embedding_dim": 3},
       "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.05}, "batch_size": 4, "steps": 60 KEEP},
       "evaluation": {"every": 30, "track": ["validation"]}, "seeds": 1, "root_seed": 1,
       "report": {"main_metric": "bpc", "lower_is_better": true}}
      """;

  static final String SAMPLES = """
      , "callbacks": {"samples": {"at": [0.5, 1], "length": 6, "prime": "the cat", "seed": 3, "temperature": 0.8,
                                  "temperatures": [0, 1], "scored_length": 12, "beams": [2], "beam_length": 4}}""";

  @TempDir
  Path home;
  private String oldHome;

  @BeforeEach
  void project() throws IOException {
    oldHome = MainTest.useHome(home);
    Files.writeString(home.resolve("experiments/toy.json"), LM.replace(" KEEP", ""));
    Files.writeString(home.resolve("experiments/samples.json"), LM.replace(" KEEP", SAMPLES));
    Files.writeString(home.resolve("experiments/nomodel.json"), LM.replace(" KEEP", ", \"keep_model\": \"none\""));
    // the same in float32: a stored float32 model evaluates and samples in float32
    Files.writeString(home.resolve("experiments/toy32.json"), float32(LM.replace(" KEEP", "")));
    Files.writeString(home.resolve("experiments/samples32.json"), float32(LM.replace(" KEEP", SAMPLES)));
  }

  private static String float32(String spec) {
    return spec.replace("\"model\": {", "\"model\": {\"precision\": \"float32\", ");
  }

  @AfterEach
  void restore() {
    MainTest.restoreHome(oldHome);
  }

  @ParameterizedTest
  @ValueSource(strings = {"toy", "toy32"})
  void theStoredModelReproducesTheRecordedMetricsBitForBit(String toy) throws IOException {
    assertEquals(0, MainTest.run("run", toy, "--jobs", "1").code());
    MainTest.Outcome o = MainTest.run("evaluate", toy, "base__s0");
    assertEquals(0, o.code(), o.err() + o.out());
    assertTrue(o.out().contains("metrics equal the trial's recorded final metrics, bit for bit"), o.out());
    assertTrue(o.out().contains("validation.bpc"), o.out());
    MainTest.Outcome json = MainTest.run("evaluate", toy, "0", "--json");
    assertTrue(json.out().replace(" ", "").contains("\"identical_to_recorded\":true"), json.out());
    // the float32 trial really ran in float32: every stored weight is a float (and some float64 one is not)
    com.fasterxml.jackson.databind.JsonNode model = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(home.resolve("results/" + toy + "/base__s0/model.json").toFile());
    java.util.List<Double> values = new java.util.ArrayList<>();
    model.findValues("state_dict").forEach(d -> collect(d, values));
    assertTrue(values.size() > 10, "weights read: " + values.size());
    assertEquals(toy.endsWith("32"), values.stream().allMatch(v -> v == (double) (float) (double) v), toy);
  }

  private static void collect(com.fasterxml.jackson.databind.JsonNode n, java.util.List<Double> out) {
    if (n.isNumber()) {
      out.add(n.doubleValue());
    }
    n.forEach(c -> collect(c, out));
  }

  @Test
  void aTrialWithoutAStoredModelOrWithADamagedOneIsOneLine() throws IOException {
    assertEquals(0, MainTest.run("run", "nomodel", "--jobs", "1").code());
    MainTest.Outcome none = MainTest.run("evaluate", "nomodel", "base__s0");
    assertEquals(2, none.code());
    assertEquals("rnnlab: trial base__s0 stored no model (keep_model none, or computed before rnnlab kept models)\n",
        none.err().replace("\r\n", "\n"));
    assertEquals(0, MainTest.run("run", "toy", "--jobs", "1").code());
    Path model = home.resolve("results/toy/base__s0/model.json");
    String text = Files.readString(model);
    int at = text.indexOf("state_dict");
    while (!Character.isDigit(text.charAt(at))) {
      at++;
    }
    char edited = text.charAt(at) == '7' ? '8' : '7';
    Files.writeString(model, text.substring(0, at) + edited + text.substring(at + 1)); // one digit of a weight
    MainTest.Outcome damaged = MainTest.run("evaluate", "toy", "base__s0");
    assertEquals(1, damaged.err().lines().count(), damaged.err());
    assertTrue(damaged.code() != 0);
    assertTrue(damaged.err().startsWith("rnnlab: "), damaged.err());
    assertTrue(damaged.err().contains("model.json") || damaged.err().contains("damaged"), damaged.err());
  }

  @Test
  void aToyLanguageModelSamplesAndRefusesAnUnknownWord() throws IOException {
    assertEquals(0, MainTest.run("run", "toy", "--jobs", "1").code());
    MainTest.Outcome a = MainTest.run("sample", "toy", "base__s0", "--length", "6", "--prime", "the cat", "--seed", "3");
    MainTest.Outcome b = MainTest.run("sample", "toy", "base__s0", "--length", "6", "--prime", "the cat", "--seed", "3");
    assertEquals(0, a.code(), a.err());
    assertEquals(a.out(), b.out(), "the same arguments, the same text");
    assertTrue(a.out().startsWith("the cat"), a.out());
    MainTest.Outcome bad = MainTest.run("sample", "toy", "base__s0", "--length", "6", "--prime", "the dog");
    assertEquals(2, bad.code());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(bad.err().contains("dog"), bad.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"samples", "samples32"})
  void theReportShowsTheSamplesAndSampleMakesTheLastOneAgain(String samples) throws IOException {
    assertEquals(0, MainTest.run("run", samples, "--jobs", "1").code());
    String readme = Files.readString(home.resolve("reports/" + samples + "/README.md"));
    assertTrue(readme.contains("## Samples"), readme);
    assertTrue(readme.contains("After 30 updates (50% of training), temperature 0.8:"), readme);
    assertTrue(readme.contains("| Beam width |"), readme);
    MainTest.Outcome again = MainTest.run("sample", samples, "base__s0", "--length", "6", "--prime", "the cat",
        "--temperature", "0.8", "--seed", "3");
    assertEquals(0, again.code(), again.err());
    String last = again.out().strip();
    assertTrue(readme.contains("After 60 updates (100% of training), temperature 0.8:\n\n```\n" + last + "\n```"),
        last + "\n" + readme);
  }
}
