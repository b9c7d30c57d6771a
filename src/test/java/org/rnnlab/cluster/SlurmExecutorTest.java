package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmExecutorTest {
  @TempDir Path dir;
  final FakeSlurm slurm = new FakeSlurm();
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final List<Duration> sleeps = new ArrayList<>();
  final SlurmExecutor executor = new SlurmExecutor(new SlurmClient(slurm),
      new PrintStream(printed, true, StandardCharsets.UTF_8), sleeps::add);

  private SlurmRun run(SlurmOptions options) {
    return new SlurmRun("adding", "ci", dir, Path.of("results/adding.ci"), Path.of("reports/adding.ci/README.md"),
        List.of(dir.resolve("rnnlab").toString()), options);
  }

  private SlurmRun run() {
    return run(SlurmOptions.defaults());
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** A failed preflight: one line, nothing submitted, nothing written. */
  private ClusterException refusedWithoutTrace() {
    ClusterException e = assertThrows(ClusterException.class, () -> executor.submit(run(), List.of(0, 1, 2)));
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(ClusterException.UNAVAILABLE, e.exitCode());
    assertTrue(slurm.calls.stream().noneMatch(c -> c.contains("--parsable")), "nothing submitted");
    assertFalse(Files.exists(dir.resolve("results")), "nothing written");
    return e;
  }

  @Test
  void noSbatchSaysSoInOneLine() {
    slurm.sbatchMissing = true;
    String m = refusedWithoutTrace().getMessage();
    assertTrue(m.startsWith("slurm: cannot run sbatch (") && m.contains("which sbatch"), m);
    assertEquals(List.of("sbatch --version"), slurm.verbs());
  }

  @Test
  void aControllerThatIsDownSaysWhatToCheck() {
    slurm.controllerDown = true;
    String m = refusedWithoutTrace().getMessage();
    assertTrue(m.contains("Slurmctld(primary) at vm is DOWN") && m.contains("check that slurmctld runs"), m);
    assertThrows(ClusterException.class, executor::preflight);
  }

  @Test
  void aJobSbatchWouldRefuseIsNotSubmitted() {
    slurm.testOnlyError = Fixtures.read("sbatch-invalid-partition.txt");
    assertTrue(refusedWithoutTrace().getMessage().contains("Invalid partition name specified"));
  }

  @Test
  void submitsTheArrayThenTheAggregateAfterAnyEnd() throws IOException {
    SlurmRun r = run(new SlurmOptions(null, null, null, 2, 1, null, List.of()));
    Submission s = executor.submit(r, List.of(0, 1, 2, 3, 7));
    assertEquals(List.of("sbatch --version", "scontrol ping", "scontrol show", "sbatch --test-only",
        "sbatch --parsable", "sbatch --parsable"), slurm.verbs());
    assertEquals(r.slurmDir().resolve("array.sh").toString(), slurm.calls.get(4).get(2));
    String array = Files.readString(r.slurmDir().resolve("array.sh"));
    assertTrue(array.contains("#SBATCH --array=0-3,7%2\n"), array);
    assertTrue(Files.readString(r.slurmDir().resolve("aggregate.sh")).contains("#SBATCH --dependency=afterany:28\n"));
    assertEquals(List.of("28", "29"), s.jobIds());
    assertTrue(Files.isDirectory(r.logDir()));
    assertTrue(printed().contains("as job array 28 (--array=0-3,7%2), then job 29 writes the report"), printed());
    assertTrue(printed().contains("squeue -j 28,29"), printed());
    List<SubmissionLog.Entry> log = SubmissionLog.read(r.resultsDir());
    assertEquals(1, log.size());
    assertEquals("28", log.get(0).arrayJob());
    assertEquals(s.layout(), log.get(0).layout());
  }

  @Test
  void theScriptTestedIsTheScriptSubmitted() throws IOException {
    List<String> stdins = new ArrayList<>();
    SlurmExecutor ex = new SlurmExecutor(new SlurmClient((cmd, in) -> {
      if (in != null) {
        stdins.add(in);
      }
      return slurm.run(cmd, in);
    }), new PrintStream(printed, true, StandardCharsets.UTF_8), sleeps::add);
    SlurmRun r = run();
    ex.submit(r, List.of(0, 1));
    assertEquals(List.of(Files.readString(r.slurmDir().resolve("array.sh"))), stdins);
  }

  @Test
  void aPlanBeyondMaxArraySizeIsPacked() throws IOException {
    slurm.config = Fixtures.read("scontrol-show-config-max4.txt");
    SlurmRun r = run();
    Submission s = executor.submit(r, IntStream.range(0, 10).boxed().toList());
    assertEquals(3, s.layout().trialsPerTask());
    String array = Files.readString(r.slurmDir().resolve("array.sh"));
    assertTrue(array.contains("#SBATCH --array=0-3\n") && array.contains("per_task=3"), array);
    assertTrue(printed().contains("up to 3 trials per task (MaxArraySize 4)"), printed());
  }

  @Test
  void aRefusedAggregateCancelsTheArray() {
    slurm.failSubmitOf = "aggregate.sh";
    ClusterException e = assertThrows(ClusterException.class, () -> executor.submit(run(), List.of(0, 1)));
    assertTrue(e.getMessage().contains("cancelled job array 28 again"), e.getMessage());
    assertEquals(List.of("scancel", "28"), slurm.calls.get(slurm.calls.size() - 1));
  }

  @Test
  void withEveryTrialDoneOnlyTheReportIsSubmitted() throws IOException {
    SlurmRun r = run();
    Submission s = executor.submit(r, List.of());
    assertNull(s.arrayJob());
    assertEquals(List.of("28"), s.jobIds());
    assertFalse(slurm.verbs().contains("scontrol show"), "no MaxArraySize needed");
    assertFalse(Files.readString(r.slurmDir().resolve("aggregate.sh")).contains("--dependency"));
    assertFalse(Files.exists(r.slurmDir().resolve("array.sh")));
    assertTrue(printed().contains("every trial has a result"));
  }

  @Test
  void waitingEndsWhenTheAggregateLeavesTheQueueAndTheReportIsNew() throws IOException {
    SlurmRun r = run();
    Files.createDirectories(r.reportFile().getParent());
    Files.writeString(r.reportFile(), "old report");
    Files.setLastModifiedTime(r.reportFile(), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    Submission s = executor.submit(r, List.of(0, 1, 2, 3, 7));
    String queued = Fixtures.read("squeue-array-and-aggregate.txt");
    slurm.queue.add(queued);
    slurm.queue.add(queued);
    slurm.queue.add(FakeSlurm.UNREACHABLE); // the controller restarts
    slurm.queue.add("29|N/A|RUNNING|None\n");
    slurm.queue.add("");
    slurm.onLastQueue = () -> write(r.reportFile(), "new report");
    slurm.jobs.put("29", Fixtures.read("scontrol-show-job-completed.txt"));
    WaitOutcome w = executor.await(s);
    assertTrue(w.ok(), w.message());
    assertEquals("COMPLETED", w.aggregateState());
    String out = printed();
    assertTrue(out.contains("slurm: tasks: 0 ended, 5 pending of 5; report job 29: PENDING (Dependency)\n"), out);
    assertTrue(out.contains("slurm: tasks: 5 ended of 5; report job 29: RUNNING\n"), out);
    assertTrue(out.contains("(slurm_load_jobs error: Unable to contact slurm controller (connect failure)); check "
        + "that slurmctld runs"), out);
    assertTrue(out.contains("names it; still waiting\n"), out);
    assertEquals(1, out.split("PENDING \\(Dependency\\)", -1).length - 1, "a line only when something changed");
    assertTrue(w.message().startsWith("slurm: the report is written: "), w.message());
    assertEquals(Duration.ofMillis(1500), sleeps.get(1), "no change: poll less often");
  }

  @Test
  void anOldReportIsNotTakenForTheNewOne() throws IOException {
    SlurmRun r = run();
    Files.createDirectories(r.reportFile().getParent());
    Files.writeString(r.reportFile(), "old report");
    Submission s = executor.submit(r, List.of(0, 1, 2, 3, 7));
    slurm.jobs.put("28", Fixtures.read("scontrol-show-job-array-cancelled.txt"));
    WaitOutcome w = executor.await(s);
    assertFalse(w.ok());
    assertEquals("unknown", w.aggregateState());
    assertTrue(w.message().contains("without writing") && w.message().contains("29-aggregate.out"), w.message());
    // The recorded array had task 1 cancelled while running, the others completed.
    assertEquals(List.of("28_1 CANCELLED"), w.unsuccessfulTasks());
    assertTrue(w.message().endsWith("array tasks that did not complete: 28_1 CANCELLED"), w.message());
  }

  @Test
  void progressCountsTasksByStateWithTheReasonTheyWait() {
    ArrayLayout l = ArrayLayout.of(List.of(0, 1, 2, 3, 7), 1001, null);
    Submission s = new Submission(new JobId("33", null), new JobId("34", null), l, 5, run(), null);
    assertEquals("slurm: tasks: 0 ended, 3 pending (JobArrayTaskLimit), 2 running of 5; report job 34: PENDING "
        + "(Dependency)", SlurmExecutor.progress(s, SlurmOutputs.queue(Fixtures.read("squeue-array-running.txt"))));
    assertEquals("slurm: tasks: 5 ended of 5; report job 34: ended", SlurmExecutor.progress(s, List.of()));
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void preparingWritesNothingAndTheReportWaitsForEarlierArraysStillQueued() throws IOException {
    SlurmRun r = run();
    SlurmExecutor.Prepared p = executor.prepare(r, List.of(4), List.of("20"));
    assertFalse(Files.exists(dir.resolve("results")), "nothing written before submit");
    assertTrue(slurm.calls.stream().noneMatch(c -> c.contains("--parsable")), "nothing submitted");
    Submission s = executor.submit(p);
    assertTrue(Files.readString(r.slurmDir().resolve("aggregate.sh"))
        .contains("#SBATCH --dependency=afterany:20:" + s.arrayJob() + "\n"));
    assertTrue(printed().contains("writes the report (afterany:20:" + s.arrayJob() + ")"), printed());

    Submission only = executor.submit(executor.prepare(r, List.of(), List.of("20")));
    assertNull(only.arrayJob());
    assertTrue(Files.readString(r.slurmDir().resolve("aggregate.sh")).contains("#SBATCH --dependency=afterany:20\n"));
    assertTrue(printed().contains("slurm: every trial has a result or is still queued in job array 20; submitted "
        + "only job " + only.aggregateJob() + ", which writes the report after them"), printed());
  }
}
