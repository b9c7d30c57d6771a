package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionLogTest {
  @TempDir Path dir;
  final FakeSlurm slurm = new FakeSlurm();
  final SlurmClient client = new SlurmClient(slurm);
  final SlurmExecutor executor = new SlurmExecutor(client, new PrintStream(OutputStream.nullOutputStream()), d -> {});

  private SlurmRun run() {
    return new SlurmRun("adding", null, dir, Path.of("results/adding"), Path.of("reports/adding/README.md"),
        List.of("rnnlab"), SlurmOptions.defaults());
  }

  @Test
  void neverSubmittedMeansNothingActiveAndNoQuery() {
    assertEquals(Map.of(), SubmissionLog.activeTrials(client, dir.resolve("results/adding")));
    assertTrue(slurm.calls.isEmpty());
  }

  @Test
  void queuedTasksNameTheirTrials() {
    slurm.nextJobId = 33; // the recorded squeue output is of array 33 and its aggregate 34
    executor.submit(run(), List.of(0, 1, 2, 3, 7));
    slurm.queue.add(Fixtures.read("squeue-array-running.txt"));
    Map<Integer, String> active = SubmissionLog.activeTrials(client, run().resultsDir());
    assertEquals(Map.of(0, "RUNNING", 1, "RUNNING", 2, "PENDING", 3, "PENDING", 7, "PENDING"), active);
    List<String> squeue = slurm.calls.get(slurm.calls.size() - 1);
    assertEquals("33", squeue.get(squeue.indexOf("-j") + 1), "asks only for the recorded arrays");
  }

  @Test
  void aPackedTaskStandsForAllItsTrials() {
    slurm.config = Fixtures.read("scontrol-show-config-max4.txt");
    slurm.nextJobId = 61;
    executor.submit(run(), IntStream.range(0, 10).boxed().toList());
    slurm.queue.add("61|1|RUNNING|None\n61|3|PENDING|Resources\n62|N/A|PENDING|Dependency\n");
    assertEquals(Map.of(1, "RUNNING", 5, "RUNNING", 9, "RUNNING", 3, "PENDING", 7, "PENDING"),
        SubmissionLog.activeTrials(client, run().resultsDir()));
  }

  @Test
  void entriesReadBackAsWritten() {
    executor.submit(run(), List.of(0, 1, 2, 5));
    executor.submit(run(), List.of());
    List<SubmissionLog.Entry> e = SubmissionLog.read(run().resultsDir());
    assertEquals(2, e.size());
    assertEquals(ArrayLayout.of(List.of(0, 1, 2, 5), 1001, null), e.get(0).layout());
    assertEquals(null, e.get(1).arrayJob());
    assertEquals("30", e.get(1).aggregateJob());
    assertEquals(List.of(0, 1, 2, 5, 9, 10), SubmissionLog.taskIds("0-2,5,9-10"));
  }
}
