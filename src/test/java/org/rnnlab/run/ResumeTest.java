package org.rnnlab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.Checkpoints;
import org.rnnlab.results.ModelFile;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;

/**
 * A trial stopped mid-run (the run's stop, as for Ctrl-C, Slurm's time limit or a kill after a
 * checkpoint was written) resumes from its last checkpoint on the next run, says so in one line,
 * and ends with result files bit for bit those of an undisturbed run; a damaged newest checkpoint
 * is skipped with one line and the previous one used.
 */
class ResumeTest {
  static final String SPEC = """
      {"description": "Resume test.",
       "task": {"type": "adding", "seq_len": 8},
       "model": {"cell": {"type": "lstm", "norm": {"type": "batch", "max_steps": 8, "initial_state_noise": 0.1}},
                 "hidden_size": 5},
       "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 4, "steps": 40,
                    "clipping": {"type": "global_norm", "max_norm": 0.5, "calibration_updates": 12},
                    "checkpoint_every": 6,
                    "callbacks": {"bn_statistics": {"batches": 2}, "clip_statistics": {},
                                  "diagnostics": {"every": 10, "probe_size": 3},
                                  "best_on_validation": {"metric": "validation.loss", "mode": "min"},
                                  "time_to_target": {"metric": "mse", "mode": "min", "threshold": 0.15}}},
       "evaluation": {"every": 5, "test_size": 20, "validation_size": 20, "track": ["test", "validation"]},
       "seeds": 1, "root_seed": 7,
       "report": {"main_metric": "mse"}}
      """;

  @TempDir Path tmp;

  private record Setup(PlanRecord plan, ResultsStore store, TrialRunner runner) {}

  private Setup setup(String dir) throws IOException {
    return setup(dir, SPEC);
  }

  private Setup setup(String dir, String json) throws IOException {
    Path spec = tmp.resolve("resume.json");
    Files.writeString(spec, json);
    ExperimentPlan p = Planner.standard().plan(spec);
    PlanRecord record = Plans.record(p, "test-version", "test");
    ResultsStore store = new ResultsStore(tmp.resolve(dir));
    store.writePlan(record);
    RunEnvironment env = new RunEnvironment("test-version", "jvm", "os", "cpu", "host");
    return new Setup(record, store, new TrialRunner(record, store, env, 1, false));
  }

  /** A listener that stops the run once the trial has passed {@code update} and collects the lines it is told. */
  private static final class Stopper implements TrialRecording.Listener {
    final AtomicBoolean stop = new AtomicBoolean();
    final List<String> notes = new ArrayList<>();
    final double at;

    Stopper(double fraction) {
      this.at = fraction;
    }

    @Override
    public void progress(double fraction) {
      if (fraction >= at) {
        stop.set(true);
      }
    }

    @Override
    public void note(String line) {
      notes.add(line);
    }
  }

  private static TrialRunner.Outcome run(Setup s, Stopper l) throws Exception {
    TrialRunner.Result r = s.runner().run(0, false, l, l.stop::get);
    if (r.outcome() == TrialRunner.Outcome.FAILED) {
      throw new AssertionError("the trial failed: " + r.detail());
    }
    return r.outcome();
  }

  private static byte[] file(Setup s, String name) throws IOException {
    return Files.readAllBytes(s.store().dir().resolve(s.plan().trials().get(0).trial()).resolve(name));
  }

  @Test
  void aTrialStoppedTwiceResumesToTheBitsOfAnUndisturbedRun() throws Exception {
    Setup whole = setup("whole");
    assertEquals(TrialRunner.Outcome.RAN, run(whole, new Stopper(2.0)));

    Setup broken = setup("broken");
    Stopper first = new Stopper(0.3);
    assertEquals(TrialRunner.Outcome.CANCELLED, run(broken, first));
    Stopper second = new Stopper(0.7);
    assertEquals(TrialRunner.Outcome.CANCELLED, run(broken, second));
    Stopper last = new Stopper(2.0);
    assertEquals(TrialRunner.Outcome.RAN, run(broken, last));
    // the stop is seen at the evaluation after the one that asked for it: at 20 (checkpoint at 18) and at 35 (at 30)
    assertEquals(List.of("base__s0: resumed at update 18"), second.notes);
    assertEquals(List.of("base__s0: resumed at update 30"), last.notes);
    sameResult(whole, broken);
    assertTrue(Files.notExists(broken.store().dir().resolve(Checkpoints.DIR).resolve("base__s0"))
        || isEmpty(broken.store().dir().resolve(Checkpoints.DIR).resolve("base__s0")), "checkpoints removed");
  }

  /** The output-recurrence network's teacher-forced loop (its own checkpoint state) resumes to the same bits too. */
  @Test
  void anOutputRecurrenceTrialStoppedTwiceResumesToTheBitsOfAnUndisturbedRun() throws Exception {
    outputRecurrenceResumes("");
  }

  /** In float32 too (float parameters and Adam moments in the checkpoint, the rule's calibration in double). */
  @Test
  void aFloat32OutputRecurrenceTrialStoppedTwiceResumesToTheBitsOfAnUndisturbedRun() throws Exception {
    outputRecurrenceResumes(", \"precision\": \"float32\"");
  }

  private void outputRecurrenceResumes(String precision) throws Exception {
    String json = """
        {"description": "Resume test.",
         "task": {"type": "delayed_recall", "alphabet": 3, "items": 2, "delay": 2},
         "model": {"type": "output_recurrence", "hidden_size": 5PRECISION},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 4, "steps": 40,
                      "clipping": {"type": "global_norm", "max_norm": 0.5, "calibration_updates": 12},
                      "checkpoint_every": 6},
         "evaluation": {"every": 5, "test_size": 20, "validation_size": 20, "track": ["test", "validation"]},
         "seeds": 1, "root_seed": 7,
         "report": {"main_metric": "accuracy"}}
        """.replace("PRECISION", precision);
    Setup whole = setup("whole", json);
    assertEquals(TrialRunner.Outcome.RAN, run(whole, new Stopper(2.0)));
    Setup broken = setup("broken", json);
    assertEquals(TrialRunner.Outcome.CANCELLED, run(broken, new Stopper(0.3)));
    Stopper second = new Stopper(0.7);
    assertEquals(TrialRunner.Outcome.CANCELLED, run(broken, second));
    Stopper last = new Stopper(2.0);
    assertEquals(TrialRunner.Outcome.RAN, run(broken, last));
    assertEquals(List.of("base__s0: resumed at update 18"), second.notes);
    assertEquals(List.of("base__s0: resumed at update 30"), last.notes);
    sameResult(whole, broken);
  }

  @Test
  void aDamagedCheckpointIsSkippedForThePreviousOne() throws Exception {
    Setup whole = setup("whole");
    run(whole, new Stopper(2.0));
    Setup broken = setup("broken");
    assertEquals(TrialRunner.Outcome.CANCELLED, run(broken, new Stopper(0.7)));
    Path dir = broken.store().dir().resolve(Checkpoints.DIR).resolve("base__s0");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertEquals(2, files.size(), "the last two are kept");
    Path newest = files.get(1);
    byte[] b = Files.readAllBytes(newest);
    b[b.length / 2] ^= 1;
    Files.write(newest, b);
    Stopper l = new Stopper(2.0);
    assertEquals(TrialRunner.Outcome.RAN, run(broken, l));
    assertEquals(2, l.notes.size(), String.valueOf(l.notes));
    assertTrue(l.notes.get(0).startsWith("base__s0: checkpoint " + newest + " is damaged ("), l.notes.get(0));
    assertTrue(l.notes.get(0).endsWith("); restarting from update 24"), l.notes.get(0));
    assertEquals("base__s0: resumed at update 24", l.notes.get(1));
    TrialResult r = broken.store().inspect("base__s0", broken.plan().trials().get(0).configSha256()).result();
    assertEquals(TrialResult.OK, r.status());
    sameResult(whole, broken);
  }

  /** The same files bit for bit, and result.json the same but for its provenance (wall time). */
  private static void sameResult(Setup a, Setup b) throws IOException {
    for (String f : List.of(ResultsStore.CURVE, ResultsStore.SERIES, ModelFile.NAME)) {
      Path dir = a.store().dir().resolve(a.plan().trials().get(0).trial());
      if (f.equals(ResultsStore.SERIES) && Files.notExists(dir.resolve(f))) {
        assertTrue(Files.notExists(b.store().dir().resolve(b.plan().trials().get(0).trial()).resolve(f)));
        continue; // a trial that records no series has no series.csv
      }
      assertArrayEquals(file(a, f), file(b, f), f + ", bit for bit");
    }
    String sha = a.plan().trials().get(0).configSha256();
    TrialResult x = a.store().inspect("base__s0", sha).result();
    TrialResult y = b.store().inspect("base__s0", sha).result();
    assertEquals(x.status(), y.status());
    assertEquals(x.metrics().toString(), y.metrics().toString(), "final metrics, bit for bit");
    assertEquals(x.files(), y.files());
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
