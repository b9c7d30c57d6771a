package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts' directives, and the array script run by bash as Slurm would run each task. */
class BatchScriptsTest {
  @TempDir Path dir;

  private SlurmRun run(Path launcher, String profile, SlurmOptions options) {
    return new SlurmRun("lstm-vs-gru", profile, dir, Path.of("results", "lstm-vs-gru" + (profile == null ? ""
        : "." + profile)), Path.of("reports", "x", "README.md"), List.of(launcher.toString()), options);
  }

  private static List<String> directives(String script) {
    return script.lines().filter(l -> l.startsWith("#SBATCH ")).map(l -> l.substring(8)).toList();
  }

  @Test
  void arrayScriptCarriesEveryOptionAsADirective() {
    SlurmOptions o = new SlurmOptions("cpu", "2:00:00", "3G", 2, 1, null, List.of("--account=abc"));
    SlurmRun r = run(Path.of("/opt/rnnlab/rnnlab"), "ci", o);
    ArrayLayout l = ArrayLayout.of(List.of(0, 1, 2, 5), 1001, null);
    String s = BatchScripts.array(r, l, o.arrayParallelism());
    assertTrue(s.startsWith("#!/bin/bash\n"));
    Path logs = dir.resolve("results/lstm-vs-gru.ci/slurm/logs");
    assertEquals(List.of("--job-name=rnnlab-lstm-vs-gru.ci", "--array=0-2,5%2", "--chdir=" + dir,
        "--output=" + logs.resolve("%A_%a.out"), "--open-mode=append", "--cpus-per-task=1", "--partition=cpu",
        "--time=2:00:00", "--mem=3G", "--account=abc"), directives(s));
    assertTrue(s.contains("/opt/rnnlab/rnnlab run-cell lstm-vs-gru --profile ci --index \"$index\""), s);
  }

  @Test
  void aggregateRunsAfterAnyEndOfTheArray() {
    SlurmRun r = run(Path.of("/opt/rnnlab/rnnlab"), null, new SlurmOptions("cpu", "10", null, 4, 3, null,
        List.of()));
    String s = BatchScripts.aggregate(r, "31");
    List<String> d = directives(s);
    assertTrue(d.contains("--dependency=afterany:31"), d.toString());
    assertTrue(d.contains("--cpus-per-task=1"), "the report needs one CPU whatever the tasks take: " + d);
    assertTrue(d.contains("--partition=cpu") && d.contains("--time=10"));
    assertTrue(d.stream().noneMatch(x -> x.startsWith("--array")));
    assertTrue(s.strip().endsWith("exec /opt/rnnlab/rnnlab aggregate lstm-vs-gru"), s);
    assertTrue(directives(BatchScripts.aggregate(r, null)).stream().noneMatch(x -> x.startsWith("--dependency")));
  }

  @Test
  void pathsWithSpacesAreQuoted() {
    Path odd = dir.resolve("my project");
    SlurmRun r = new SlurmRun("e", null, odd, Path.of("results/e"), Path.of("r.md"),
        List.of(odd.resolve("rnnlab").toString()), SlurmOptions.defaults());
    String s = BatchScripts.array(r, ArrayLayout.of(List.of(0), 10, null), null);
    assertTrue(s.contains("#SBATCH --chdir=\"" + odd + "\"\n"), s);
    assertTrue(s.contains("'" + odd.resolve("rnnlab") + "' run-cell e --index"), s);
  }

  @Test
  void aPercentInTheProjectsPathIsEscapedInTheLogPatternOnly() {
    Path odd = dir.resolve("runs 50%j");
    SlurmRun r = new SlurmRun("e", null, odd, Path.of("results/e"), Path.of("r.md"),
        List.of(odd.resolve("rnnlab").toString()), SlurmOptions.defaults());
    String logs = odd.resolve("results/e/slurm/logs").toString().replace("runs 50%j", "runs 50%%j");
    String array = BatchScripts.array(r, ArrayLayout.of(List.of(0), 10, null), null);
    assertTrue(array.contains("#SBATCH --output=\"" + logs + "/%A_%a.out\"\n"), array);
    String aggregate = BatchScripts.aggregate(r, "31");
    assertTrue(aggregate.contains("#SBATCH --output=\"" + logs + "/%j-aggregate.out\"\n"), aggregate);
    // --chdir is a plain directory and the command line is bash's: there the path stays as it is.
    assertTrue(array.contains("#SBATCH --chdir=\"" + odd + "\"\n"), array);
    assertTrue(array.contains("'" + odd.resolve("rnnlab") + "' run-cell e --index"), array);
    assertEquals("a%%b%%%%c", BatchScripts.patternEscaped("a%b%%c"));
  }

  @Test
  void eachTaskRunsExactlyItsTrialsAndResubmissionMeansTheMissingOnes() throws Exception {
    Path launcher = fakeLauncher(-1);
    List<Integer> missing = List.of(1, 2, 3, 4, 6, 7, 8, 9, 10, 13);
    ArrayLayout l = ArrayLayout.of(missing, 4, null);
    assertTrue(l.trialsPerTask() > 1, "packed");
    Path script = dir.resolve("array.sh");
    Files.writeString(script, BatchScripts.array(run(launcher, "ci", SlurmOptions.defaults()), l, null));
    List<Integer> ran = new ArrayList<>();
    for (int task : l.taskIds()) {
      Files.deleteIfExists(dir.resolve("calls"));
      assertEquals(0, bash(script, task));
      List<Integer> calls = calls();
      assertEquals(l.trialsOf(task), calls, "task " + task);
      ran.addAll(calls);
    }
    assertTrue(ran.containsAll(missing));
    assertEquals(ran.size(), ran.stream().distinct().count(), "no trial twice");
  }

  @Test
  void aFailedTrialFailsItsTaskButTheTaskGoesOn() throws Exception {
    Path launcher = fakeLauncher(4);
    ArrayLayout l = ArrayLayout.of(IntStream.range(0, 12).boxed().toList(), 4, null);
    Path script = dir.resolve("array.sh");
    Files.writeString(script, BatchScripts.array(run(launcher, null, SlurmOptions.defaults()), l, null));
    assertEquals(1, bash(script, 0));
    assertEquals(List.of(0, 4, 8), calls());
  }

  @Test
  void runOutsideSlurmItSaysSo() throws Exception {
    Path script = dir.resolve("array.sh");
    Files.writeString(script, BatchScripts.array(run(fakeLauncher(-1), null, SlurmOptions.defaults()),
        ArrayLayout.of(List.of(0), 10, null), null));
    Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertFalse(p.waitFor() == 0);
    assertTrue(out.contains("submit this script with sbatch"), out);
    assertFalse(Files.exists(dir.resolve("calls")));
  }

  /** A launcher that records each "--index I" it is called with and fails for {@code failAt}. */
  private Path fakeLauncher(int failAt) throws IOException {
    Path f = dir.resolve("fake-rnnlab");
    Files.writeString(f, "#!/bin/bash\n"
        + "[ \"$1\" = run-cell ] || exit 9\n"
        + "i=\"${@: -1}\"\n"
        + "echo \"$i\" >> '" + dir.resolve("calls") + "'\n"
        + "[ \"$i\" != " + failAt + " ]\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    return f;
  }

  private List<Integer> calls() throws IOException {
    Path c = dir.resolve("calls");
    return Files.exists(c) ? Files.readAllLines(c).stream().map(Integer::valueOf).toList() : List.of();
  }

  private int bash(Path script, int task) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("task.log").toFile());
    pb.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(task));
    pb.environment().put("SLURM_ARRAY_JOB_ID", "77");
    return pb.start().waitFor();
  }
}
