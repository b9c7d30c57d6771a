package org.rnnlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.TrialPlan;

class ExperimentRunnerTest {
  static final String SPEC = """
      {
        "description": "Tiny runner test.",
        "task": {"type": "adding", "seq_len": 8},
        "model": {"cell": {"type": "lstm"}, "hidden_size": 6},
        "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 8, "steps": STEPS},
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
  void numbersDoNotDependOnTheNumberOfThreads() throws Exception {
    ExperimentPlan plan = plan("jobs", SPEC.replace("STEPS", "20"));
    new ExperimentRunner(tmp.resolve("one"), 1, false, quiet()).run(plan, "test");
    new ExperimentRunner(tmp.resolve("two"), 2, false, quiet()).run(plan, "test");
    for (TrialPlan c : plan.trials()) {
      Path a = tmp.resolve("one/jobs").resolve(c.id());
      Path b = tmp.resolve("two/jobs").resolve(c.id());
      assertEquals(read(a.resolve("curve.csv")), read(b.resolve("curve.csv")), c.id());
      assertEquals(new ResultsStore(tmp.resolve("one/jobs")).readTrial(c.id()).result().metrics(),
          new ResultsStore(tmp.resolve("two/jobs")).readTrial(c.id()).result().metrics(), c.id());
      assertEquals(read(a.resolve("config.json")), read(b.resolve("config.json")));
    }
  }

  @Test
  void oneTrialFromThePlanFileEqualsTheSameTrialOfALocalRun() throws Exception {
    ExperimentPlan plan = plan("cell", SPEC.replace("STEPS", "10"));
    new ExperimentRunner(tmp.resolve("pool"), 2, false, quiet()).run(plan, "test");
    ExperimentRunner single = new ExperimentRunner(tmp.resolve("tasks"), 1, false, quiet());
    single.writePlan(plan, "test");
    for (int i = plan.trials().size() - 1; i >= 0; i--) {
      assertEquals(TrialRunner.Outcome.RAN, single.runOne(tmp.resolve("tasks/cell"), i).outcome());
    }
    assertEquals(TrialRunner.Outcome.REUSED, single.runOne(tmp.resolve("tasks/cell"), 0).outcome(),
        "a trial with a result is skipped");
    for (TrialPlan c : plan.trials()) {
      for (String f : List.of("curve.csv", "result.json", "config.json")) {
        String a = read(tmp.resolve("pool/cell").resolve(c.id()).resolve(f));
        String b = read(tmp.resolve("tasks/cell").resolve(c.id()).resolve(f));
        if (f.equals("result.json")) { // wall time and threads differ (and so the file's own digest), nothing else
          a = a.replaceAll("\"(wall_seconds|threads)\": [0-9.]+|\"result_sha256\": \"[0-9a-f]+\"", "");
          b = b.replaceAll("\"(wall_seconds|threads)\": [0-9.]+|\"result_sha256\": \"[0-9a-f]+\"", "");
        }
        assertEquals(a, b, c.id() + "/" + f);
      }
    }
  }

  @Test
  void resumesFinishedTrialsAndRerunsChangedOnes() throws Exception {
    ExperimentPlan plan = plan("resume", SPEC.replace("STEPS", "10"));
    ExperimentRunner runner = new ExperimentRunner(tmp, 2, false, quiet());
    assertEquals(4, runner.run(plan, "test").ran());
    ExperimentRunner.Summary again = runner.run(plan, "test");
    assertEquals(0, again.ran());
    assertEquals(4, again.alreadyDone());
    ExperimentPlan longer = plan("resume", SPEC.replace("STEPS", "20"));
    assertEquals(4, runner.run(longer, "test").ran(), "a changed config is not taken for done");
    assertEquals(4, new ExperimentRunner(tmp, 2, true, quiet()).run(longer, "test").ran(), "--force reruns");
    try (Stream<Path> s = Files.list(tmp.resolve("resume"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of(".locks", "gru__s0", "gru__s1", "plan.json", "rnn__s0", "rnn__s1"), names,
          "no temporary files are left behind");
    }
  }

  @Test
  void resultsOfAnOlderRnnlabAreRecomputedNotRead() throws Exception {
    ExperimentPlan plan = plan("legacy", SPEC.replace("STEPS", "10"));
    Path old = Files.createDirectories(tmp.resolve("legacy/rnn__s0"));
    Files.writeString(old.resolve("result.json"), "{\"cell\": \"rnn__s0\", \"config_sha256\": \""
        + plan.trials().get(0).sha256() + "\", \"status\": \"ok\"}");
    Files.writeString(old.resolve("curve.csv"), "step,metric,value\n");
    ExperimentRunner.Summary s = new ExperimentRunner(tmp, 2, false, quiet()).run(plan, "test");
    assertEquals(4, s.ran());
    assertEquals(TrialResult.FORMAT, new ResultsStore(tmp.resolve("legacy")).readTrial("rnn__s0").result().format());
  }

  @Test
  void aDivergingTrialIsRecordedAndTheRunGoesOn() throws Exception {
    String exploding = SPEC.replace("STEPS", "30")
        .replace("{\"type\": \"adam\", \"lr\": 0.01}", "{\"type\": \"sgd\", \"lr\": 1e6}")
        .replace("{\"type\": \"elman\"}", "{\"type\": \"elman\", \"nonlinearity\": \"relu\"}");
    ExperimentPlan plan = plan("boom", exploding);
    ExperimentRunner.Summary s = new ExperimentRunner(tmp, 2, false, quiet()).run(plan, "test");
    assertTrue(s.failures().isEmpty(), s.failures().toString());
    assertEquals(4, s.ran());
    assertTrue(s.diverged() > 0, "lr 1e6 with relu units must blow up");
    for (TrialPlan c : plan.trials()) {
      TrialResult r = new ResultsStore(tmp.resolve("boom")).readTrial(c.id()).result();
      if (r.status().equals("diverged")) {
        assertTrue(r.divergedAtStep() >= 1);
        assertFalse(r.metrics().containsKey("mse"));
      }
    }
  }

  @Test
  void provenanceIsRecordedWithEveryTrial() throws Exception {
    ExperimentPlan plan = plan("prov", SPEC.replace("STEPS", "10"));
    new ExperimentRunner(tmp, 1, false, quiet()).run(plan, "test");
    TrialPlan c = plan.trials().get(0);
    TrialResult r = new ResultsStore(tmp.resolve("prov")).readTrial(c.id()).result();
    assertEquals(plan.specSha256(), r.provenance().specSha256());
    assertEquals(c.sha256(), r.configSha256());
    assertEquals(c.seed(), r.seed());
    assertNotEquals("", r.provenance().jvm());
    String cpu = r.provenance().cpu();
    assertTrue(cpu.endsWith("(" + Runtime.getRuntime().availableProcessors() + " logical CPUs)"), cpu);
    assertEquals(1, r.provenance().threads(), "the threads actually used");
    assertEquals("float64", r.provenance().precision(), "the arithmetic, float64 when the spec names none");
    ExperimentPlan f32 = plan("prov32", SPEC.replace("STEPS", "10").replace("\"hidden_size\"",
        "\"precision\": \"float32\", \"hidden_size\""));
    new ExperimentRunner(tmp, 1, false, quiet()).run(f32, "test");
    TrialResult r32 = new ResultsStore(tmp.resolve("prov32")).readTrial(f32.trials().get(0).id()).result();
    assertEquals("float32", r32.provenance().precision());
    PlanRecord p = new ResultsStore(tmp.resolve("prov")).readPlan();
    assertEquals(2, p.groups().size());
    assertEquals(1.0 / 6.0, p.groups().get(0).baseline().get("mse"), 1e-15);
    assertEquals(List.of("loss", "mse", "solved_fraction", "steps_to_solve"), p.groups().get(0).metrics());
  }

  @Test
  void twoRunsAtOnceComputeEachTrialOnce() throws Exception {
    ExperimentPlan plan = plan("twice", SPEC.replace("STEPS", "40"));
    ExperimentRunner.Summary[] s = new ExperimentRunner.Summary[2];
    Thread[] t = new Thread[2];
    for (int k = 0; k < 2; k++) {
      int kk = k;
      t[k] = new Thread(() -> {
        try {
          s[kk] = new ExperimentRunner(tmp, 1, false, quiet()).run(plan, "test");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      t[k].start();
    }
    for (Thread x : t) {
      x.join();
    }
    assertEquals(4, s[0].ran() + s[1].ran(), "each trial computed by exactly one run");
    assertEquals(4, s[0].ran() + s[0].reused() + s[0].alreadyDone());
    assertEquals(4, s[1].ran() + s[1].reused() + s[1].alreadyDone());
    for (TrialPlan c : plan.trials()) {
      assertEquals(ResultsStore.State.DONE, new ResultsStore(tmp.resolve("twice")).inspect(c.id(), c.sha256()).state());
    }
  }

  @Test
  void aFullDiskStopsTheRunWithOneReasonAndLeavesNoPartialTrial() throws Exception {
    ExperimentPlan plan = plan("full", SPEC.replace("STEPS", "10"));
    AtomicInteger trialsWritten = new AtomicInteger();
    ExperimentRunner runner = new ExperimentRunner(tmp, 1, false, quiet(), dir -> new ResultsStore(dir) {
      @Override
      protected void writeBytes(Path file, byte[] bytes) throws IOException {
        if (file.getFileName().toString().equals("result.json") && trialsWritten.incrementAndGet() > 1) {
          throw new FileSystemException(file.toString(), null, "No space left on device");
        }
        super.writeBytes(file, bytes);
      }
    });
    ExperimentRunner.Summary s = runner.run(plan, "test");
    assertNotNull(s.stoppedBecause());
    assertTrue(s.stoppedBecause().contains("No space left on device"), s.stoppedBecause());
    assertEquals(1, s.stoppedBecause().lines().count());
    assertEquals(1, s.ran(), "the first trial was written; the run stopped at the second");
    try (Stream<Path> st = Files.list(tmp.resolve("full"))) {
      List<String> names = st.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of(".locks", "plan.json", plan.trials().get(0).id()), names, "no partial trial, no temporary");
    }
  }

  @Test
  void thePlanFileIsTheRecordEveryExecutorRunsFrom() throws Exception {
    ExperimentPlan plan = plan("planned", SPEC.replace("STEPS", "10"));
    PlanRecord r = new ExperimentRunner(tmp, 1, false, quiet()).writePlan(plan, "cmd");
    assertEquals(r, new ResultsStore(tmp.resolve("planned")).readPlan());
    assertEquals(plan.trials().size(), r.trials().size());
    for (int i = 0; i < r.trials().size(); i++) {
      assertEquals(i, r.trials().get(i).index());
      assertEquals(plan.trials().get(i).sha256(), r.trials().get(i).configSha256());
      assertEquals(plan.trials().get(i).canonicalJson(),
          ResultsJson.mapper().writeValueAsString(r.trials().get(i).config()));
    }
  }
}
