package org.rnnlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.spec.CellPlan;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;

class ExperimentRunnerTest {
  static final String SPEC = """
      {
        "description": "Tiny runner test.",
        "task": {"type": "adding", "seq_len": 8},
        "model": {"cell": {"type": "lstm"}, "hidden_size": 6},
        "training": {"optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 8, "steps": STEPS},
        "evaluation": {"every": 10, "test_size": 40},
        "seeds": 2, "root_seed": 7,
        "variants": {"rnn": {"model": {"cell": {"type": "elman"}}}, "gru": {"model": {"cell": {"type": "gru"}}}},
        "report": {"main_metric": "mse"}
      }
      """;

  @TempDir
  Path tmp;

  private ExperimentPlan plan(String name, String text) throws IOException {
    Path spec = tmp.resolve(name + ".json");
    Files.writeString(spec, text);
    return Planner.standard().plan(spec);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  @Test
  void numbersDoNotDependOnTheNumberOfJobs() throws IOException {
    ExperimentPlan plan = plan("jobs", SPEC.replace("STEPS", "20"));
    new ExperimentRunner(tmp.resolve("one"), 1, false, quiet()).run(plan, "test");
    new ExperimentRunner(tmp.resolve("two"), 2, false, quiet()).run(plan, "test");
    for (CellPlan c : plan.cells()) {
      Path a = tmp.resolve("one/jobs").resolve(c.id());
      Path b = tmp.resolve("two/jobs").resolve(c.id());
      assertEquals(read(a.resolve("curve.csv")), read(b.resolve("curve.csv")), c.id());
      JsonNode ra = CellStore.JSON.readTree(a.resolve("result.json").toFile());
      JsonNode rb = CellStore.JSON.readTree(b.resolve("result.json").toFile());
      assertEquals(ra.get("metrics"), rb.get("metrics"), c.id());
      assertEquals(read(a.resolve("config.json")), read(b.resolve("config.json")));
    }
  }

  @Test
  void resumesFinishedCellsAndRerunsChangedOnes() throws IOException {
    ExperimentPlan plan = plan("resume", SPEC.replace("STEPS", "10"));
    ExperimentRunner runner = new ExperimentRunner(tmp, 2, false, quiet());
    assertEquals(4, runner.run(plan, "test").ran());
    ExperimentRunner.Summary again = runner.run(plan, "test");
    assertEquals(0, again.ran());
    assertEquals(4, again.skipped());
    ExperimentPlan longer = plan("resume", SPEC.replace("STEPS", "20"));
    assertEquals(4, runner.run(longer, "test").ran(), "a changed config is not taken for done");
    assertEquals(4, new ExperimentRunner(tmp, 2, true, quiet()).run(longer, "test").ran(), "--force reruns");
    try (Stream<Path> s = Files.list(tmp.resolve("resume"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("experiment.json", "gru__s0", "gru__s1", "rnn__s0", "rnn__s1"), names,
          "no temporary files are left behind");
    }
  }

  @Test
  void aDivergingCellIsRecordedAndTheRunGoesOn() throws IOException {
    String exploding = SPEC.replace("STEPS", "30")
        .replace("{\"type\": \"adam\", \"lr\": 0.01}", "{\"type\": \"sgd\", \"lr\": 1e6}")
        .replace("{\"type\": \"elman\"}", "{\"type\": \"elman\", \"nonlinearity\": \"relu\"}");
    ExperimentPlan plan = plan("boom", exploding);
    ExperimentRunner.Summary s = new ExperimentRunner(tmp, 2, false, quiet()).run(plan, "test");
    assertTrue(s.failures().isEmpty(), s.failures().toString());
    assertEquals(4, s.ran());
    assertTrue(s.diverged() > 0, "lr 1e6 with relu units must blow up");
    for (CellPlan c : plan.cells()) {
      JsonNode r = CellStore.JSON.readTree(tmp.resolve("boom").resolve(c.id()).resolve("result.json").toFile());
      if (r.get("status").asText().equals("diverged")) {
        assertTrue(r.get("diverged_at_step").asInt() >= 1);
        assertFalse(r.get("metrics").has("mse"));
      }
    }
  }

  @Test
  void provenanceIsRecordedWithEveryCell() throws IOException {
    ExperimentPlan plan = plan("prov", SPEC.replace("STEPS", "10"));
    new ExperimentRunner(tmp, 1, false, quiet()).run(plan, "test");
    CellPlan c = plan.cells().get(0);
    JsonNode r = CellStore.JSON.readTree(tmp.resolve("prov").resolve(c.id()).resolve("result.json").toFile());
    assertEquals(plan.specSha256(), r.at("/provenance/spec_sha256").asText());
    assertEquals(c.sha256(), r.get("config_sha256").asText());
    assertEquals(c.seed(), r.get("seed").asLong());
    assertNotEquals("", r.at("/provenance/jvm").asText());
    String cpu = r.at("/provenance/cpu").asText();
    assertTrue(cpu.endsWith("(" + Runtime.getRuntime().availableProcessors() + " logical CPUs)"), cpu);
    JsonNode e = CellStore.JSON.readTree(tmp.resolve("prov/experiment.json").toFile());
    assertEquals(2, e.get("groups").size());
    assertEquals(1.0 / 6.0, e.at("/groups/0/baseline/mse").asDouble(), 1e-15);
  }
}
