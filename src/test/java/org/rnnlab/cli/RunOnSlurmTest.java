package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.cluster.CodeSnapshot;
import org.rnnlab.cluster.CompareResults;

/**
 * {@code rnnlab run NAME --executor slurm} as a user meets it, in a JVM of its own whose PATH holds only the
 * programs a case needs: no sbatch, a controller that is down, a job sbatch refuses (each one line, exit non-zero,
 * nothing submitted, nothing written), and a fake Slurm that runs the submitted scripts at once, so that the
 * array's tasks really run run-cell from the code snapshot: only trials without a result are submitted, the
 * numbers equal a local run's bit for bit, and status reads the queue (or says it cannot).
 */
class RunOnSlurmTest {
  /** MainTest's tiny spec with three seeds. */
  static final String SPEC = MainTest.TINY.replace("PROFILES", "").replace("\"seeds\": 1", "\"seeds\": 3");

  @TempDir Path home;
  @TempDir Path tools;
  Path bin;
  Path state;
  final Map<String, String> env = new HashMap<>();
  private String oldHome;

  /** What a command printed, and its exit status. */
  record Outcome(int code, String out, String err) {}

  @BeforeEach
  void project() throws IOException {
    Files.createDirectories(home.resolve("experiments"));
    Files.writeString(home.resolve("experiments/tiny.json"), SPEC);
    bin = Files.createDirectories(tools.resolve("bin"));
    state = Files.createDirectories(tools.resolve("state"));
    // java for the batch scripts (they call it from PATH, as the launcher does); nothing else unless a case adds it
    Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    env.put("FAKE_SLURM_BIN", bin.toString());
    env.put("FAKE_SLURM_STATE", state.toString());
    oldHome = System.getProperty("rnnlab.home");
    System.setProperty("rnnlab.home", home.toString());
  }

  @AfterEach
  void restore() {
    if (oldHome == null) {
      System.clearProperty("rnnlab.home");
    } else {
      System.setProperty("rnnlab.home", oldHome);
    }
  }

  private void fakeSlurm() throws IOException {
    for (String p : List.of("sbatch", "scontrol", "squeue")) {
      try (InputStream in = RunOnSlurmTest.class.getResourceAsStream("/fake-slurm/" + p)) {
        Files.copy(in, bin.resolve(p));
      }
      assertTrue(bin.resolve(p).toFile().setExecutable(true));
    }
  }

  /** The CLI in a JVM of its own, with PATH = {@link #bin} and the fake's settings only. */
  private Outcome cli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Xss8m", "-Drnnlab.home=" + home, "-cp",
        System.getProperty("java.class.path"), "org.rnnlab.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(env);
    pb.redirectOutput(tools.resolve("out").toFile()).redirectError(tools.resolve("err").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(170, TimeUnit.SECONDS), "the CLI finished");
    return new Outcome(p.exitValue(), Files.readString(tools.resolve("out")), Files.readString(tools.resolve("err")));
  }

  private List<String> calls() throws IOException {
    Path f = state.resolve("calls");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

  /** One line on stderr besides the JVM's own notice; exit 1; nothing submitted; no results or reports. */
  private String refusedWithoutTrace(Outcome o) throws IOException {
    assertEquals(1, o.code(), o.err());
    List<String> lines = ownLines(o.err());
    assertEquals(1, lines.size(), o.err());
    assertTrue(calls().stream().noneMatch(c -> c.startsWith("sbatch --parsable")), "nothing submitted: " + calls());
    assertFalse(Files.exists(home.resolve("results")), "nothing written");
    assertFalse(Files.exists(home.resolve("reports")), "nothing written");
    return lines.get(0);
  }

  private static List<String> ownLines(String err) {
    return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
  }

  @Test
  void withoutSbatchOneLineAndNothingWritten() throws Exception {
    String line = refusedWithoutTrace(cli("run", "tiny", "--executor", "slurm"));
    assertTrue(line.startsWith("slurm: cannot run sbatch (") && line.contains("which sbatch"), line);
  }

  @Test
  void aControllerThatIsDownOneLineAndNothingWritten() throws Exception {
    fakeSlurm();
    env.put("FAKE_SLURM_PING", "down");
    String line = refusedWithoutTrace(cli("run", "tiny", "--executor", "slurm", "--wait"));
    assertTrue(line.startsWith("slurm: the controller does not answer (`scontrol ping`: Slurmctld(primary) at fake "
        + "is DOWN)") && line.contains("check that slurmctld runs"), line);
    assertEquals(List.of("sbatch --version", "scontrol ping"), calls());
  }

  @Test
  void aJobSbatchRefusesIsNeitherSubmittedNorWritten() throws Exception {
    fakeSlurm();
    env.put("FAKE_SLURM_TESTONLY", "refuse");
    String line = refusedWithoutTrace(cli("run", "tiny", "--executor", "slurm", "--partition", "nosuch"));
    assertTrue(line.startsWith("slurm: sbatch refuses the job (") && line.contains("Invalid partition name"), line);
    assertTrue(Files.readString(state.resolve("test-only.sh")).contains("#SBATCH --partition=nosuch"));
  }

  @Test
  void aBadOptionValueIsRefusedBeforeSlurmIsAsked() throws Exception {
    Outcome o = cli("run", "tiny", "--executor", "slurm", "--time", "1:75");
    assertEquals(2, o.code(), o.err());
    assertEquals(List.of("rnnlab: --time '1:75' is not a Slurm time limit: use MINUTES, MINUTES:SECONDS, "
        + "HOURS:MINUTES:SECONDS, DAYS-HOURS, DAYS-HOURS:MINUTES or DAYS-HOURS:MINUTES:SECONDS (e.g. 90, 1:30:00)"),
        ownLines(o.err()));
    assertFalse(Files.exists(home.resolve("results")));
  }

  @Test
  void slurmOptionsWithoutTheSlurmExecutorAreRefused() {
    MainTest.Outcome o = MainTest.run("run", "tiny", "--partition", "cpu", "--wait");
    assertEquals(2, o.code());
    assertEquals("rnnlab: --partition, --wait are Slurm options: add --executor slurm, or leave them out\n", o.err());
    MainTest.Outcome jobs = MainTest.run("run", "tiny", "--executor", "slurm", "--jobs", "2");
    assertEquals(2, jobs.code());
    assertTrue(jobs.err().startsWith("rnnlab: --jobs is an option of --executor local;"), jobs.err());
    MainTest.Outcome other = MainTest.run("run", "tiny", "--executor", "ray");
    assertEquals("rnnlab: --executor must be local or slurm, got 'ray'\n", other.err());
    assertFalse(Files.exists(home.resolve("results")), "nothing written");
  }

  @Test
  void submitsOnlyTrialsWithoutAResultRunsThemFromTheSnapshotMatchesALocalRunAndStatusReadsTheQueue() throws Exception {
    fakeSlurm();
    // trial 1 done beforehand, as by an earlier run
    assertEquals(0, MainTest.run("plan", "tiny").code());
    assertEquals(0, MainTest.run("run-cell", "tiny", "--index", "1").code());
    Path results = home.resolve("results/tiny");
    Path done = onlyTrialDir(results);
    byte[] doneBefore = Files.readAllBytes(done.resolve("result.json"));

    Outcome o = cli("run", "tiny", "--executor", "slurm", "--array-parallelism", "2", "--wait");
    assertEquals(0, o.code(), o.out() + o.err());
    assertTrue(o.out().contains("slurm: submitted 2 trial(s) as job array 40 (--array=0,2%2), then job 41 writes the "
        + "report (afterany:40)"), o.out());
    assertTrue(o.out().contains("slurm: the report is written: reports/tiny/README.md"), o.out());
    assertTrue(o.out().contains("slurm: 3 of 3 trials have a result (0 diverged)"), o.out());
    assertEquals(2, calls().stream().filter(c -> c.startsWith("sbatch --parsable")).count(), calls().toString());
    assertTrue(Files.isRegularFile(home.resolve("reports/tiny/README.md")));
    assertTrue(java.util.Arrays.equals(doneBefore, Files.readAllBytes(done.resolve("result.json"))),
        "the trial done before did not run again");

    // the tasks ran java from the snapshot, with the project and the code version given
    String array = Files.readString(results.resolve("slurm/array.sh"));
    Path code = results.resolve("slurm/code");
    List<Path> snapshots;
    try (Stream<Path> s = Files.list(code)) {
      snapshots = s.toList();
    }
    assertEquals(1, snapshots.size(), snapshots.toString());
    String id = snapshots.get(0).getFileName().toString();
    assertTrue(array.contains("java " + String.join(" ", CodeSnapshot.JVM_OPTIONS) + " -Drnnlab.home=" + home
        + " '-Drnnlab.code-version=unknown (code snapshot " + id + ")' -cp " + code.resolve(id).resolve("00-")), array);
    assertTrue(array.contains(" org.rnnlab.cli.Main run-cell tiny --index \"$index\""), array);
    assertTrue(Files.readString(code.resolve(id).resolve("SNAPSHOT.txt")).startsWith("rnnlab code snapshot " + id));
    String ran = Files.readString(results.resolve("slurm/logs/40_0.out"));
    assertTrue(ran.contains("trial 0: ran"), ran);
    try (Stream<Path> s = Files.list(results)) {
      for (Path t : s.filter(p -> Files.isRegularFile(p.resolve("result.json"))).toList()) {
        String r = Files.readString(t.resolve("result.json"));
        assertTrue(t.equals(done) || r.contains("\"code_version\": \"unknown (code snapshot " + id + ")\""), r);
      }
    }

    // the same spec run locally, elsewhere: the same bits
    Path local = Files.createDirectories(tools.resolve("local"));
    Files.createDirectories(local.resolve("experiments"));
    Files.writeString(local.resolve("experiments/tiny.json"), SPEC);
    System.setProperty("rnnlab.home", local.toString());
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1").code());
    CompareResults.Outcome same = CompareResults.compare(local.resolve("results/tiny"), results);
    assertTrue(same.identical(), same.differences().toString());
    assertEquals(3, same.trials());
    System.setProperty("rnnlab.home", home.toString());

    // submitted again: every trial has a result, so only the report job; the snapshot is reused
    Outcome again = cli("run", "tiny", "--executor", "slurm");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("slurm: every trial has a result; submitted only job 42, which writes the "
        + "report"), again.out());
    assertEquals(3, calls().stream().filter(c -> c.startsWith("sbatch --parsable")).count());
    try (Stream<Path> s = Files.list(code)) {
      assertEquals(1, s.count(), "the same code: the same snapshot");
    }

    // status: the queue's states where it can be asked (squeue, never sacct), the results directory's otherwise
    // as if task 2 of job array 40 still waited (its result gone) and task 0 ran
    org.rnnlab.results.Temporaries.deleteTree(results.resolve("base__s2"));
    Files.writeString(state.resolve("queue"), "40|2|PENDING|Priority\n40|0|RUNNING|None\n");
    Outcome s = cli("status", "tiny", "--all");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("   2  pending      base__s2  (slurm task 40_2 PENDING (Priority))"), s.out());
    assertTrue(s.out().contains("   0  done "), "a trial with a result is done whatever the queue says");
    assertTrue(s.out().contains("3 trials: 2 done, 1 pending"), s.out());
    assertTrue(calls().stream().noneMatch(c -> c.startsWith("sacct")));

    // the spec changed while tasks are queued: they run plan.json's trials by index, so it must not be rewritten
    Path plan = results.resolve("plan.json");
    byte[] planBefore = Files.readAllBytes(plan);
    long submitted = calls().stream().filter(c -> c.startsWith("sbatch --parsable")).count();
    Files.writeString(home.resolve("experiments/tiny.json"), SPEC.replace("\"steps\": 2", "\"steps\": 3"));
    Outcome changed = cli("run", "tiny", "--executor", "slurm");
    assertEquals(2, changed.code(), changed.err());
    assertEquals(1, ownLines(changed.err()).size(), changed.err());
    assertTrue(ownLines(changed.err()).get(0).startsWith("rnnlab: the plan changed (the spec, or the code that plans it) while job "
        + "array 40 of an earlier submission is still queued"), changed.err());
    assertTrue(java.util.Arrays.equals(planBefore, Files.readAllBytes(plan)), "plan.json kept");
    assertEquals(submitted, calls().stream().filter(c -> c.startsWith("sbatch --parsable")).count());
    Files.writeString(home.resolve("experiments/tiny.json"), SPEC);

    Files.delete(bin.resolve("squeue"));
    Outcome without = cli("status", "tiny");
    assertEquals(0, without.code(), without.err());
    assertTrue(without.err().contains("status: cannot read the Slurm queue (slurm: cannot run squeue"), without.err());
    assertTrue(without.out().contains("   2  missing      base__s2"), without.out());
  }

  private static Path onlyTrialDir(Path results) throws IOException {
    try (Stream<Path> s = Files.list(results)) {
      List<Path> dirs = s.filter(p -> Files.isRegularFile(p.resolve("result.json"))).toList();
      assertEquals(1, dirs.size(), dirs.toString());
      return dirs.get(0);
    }
  }
}
