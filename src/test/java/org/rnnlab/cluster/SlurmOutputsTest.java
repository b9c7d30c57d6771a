package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmOutputsTest {
  @Test
  void parsableJobIdWithAndWithoutCluster() {
    assertEquals(new JobId(Fixtures.read("sbatch-parsable.txt").strip(), null),
        SlurmOutputs.parsableJobId(Fixtures.read("sbatch-parsable.txt")));
    // The "ID;CLUSTER" form (multi-cluster and federated setups) is written by hand: one cluster here.
    assertEquals(new JobId("4242", "tier2"), SlurmOutputs.parsableJobId("4242;tier2\n"));
    assertEquals(new JobId("17", null), SlurmOutputs.parsableJobId("some warning\n17\n"));
    assertThrows(ClusterException.class, () -> SlurmOutputs.parsableJobId("Submitted batch job 17\n"));
  }

  @Test
  void configGivesMaxArraySize() {
    String out = Fixtures.read("scontrol-show-config.txt");
    assertEquals(1001, SlurmOutputs.maxArraySize(out));
    assertEquals(4, SlurmOutputs.maxArraySize(Fixtures.read("scontrol-show-config-max4.txt")));
    Map<String, String> c = SlurmOutputs.config(out);
    assertEquals("accounting_storage/none", c.get("AccountingStorageType"));
    assertEquals("socket=/tmp/rnnlab-slurm/munge/munge.socket.2", c.get("AuthInfo"));
    assertThrows(ClusterException.class, () -> SlurmOutputs.maxArraySize("ClusterName = x\n"));
  }

  @Test
  void pingUpAndDown() {
    assertTrue(SlurmOutputs.pingUp(Fixtures.read("scontrol-ping-up.txt")));
    assertFalse(SlurmOutputs.pingUp(Fixtures.read("scontrol-ping-down.txt")));
    assertFalse(SlurmOutputs.pingUp(Fixtures.read("scontrol-ping-no-config.txt")));
  }

  @Test
  void queueLinesOfAnArrayAndItsAggregate() {
    List<QueueEntry> q = SlurmOutputs.queue(Fixtures.read("squeue-array-and-aggregate.txt"));
    assertEquals(6, q.size());
    assertEquals(new QueueEntry("28", 7, "PENDING", "None"), q.get(4));
    QueueEntry agg = q.get(5);
    assertEquals("29", agg.jobId());
    assertNull(agg.taskId());
    assertEquals("Dependency", agg.reason());
    assertEquals(List.of(), SlurmOutputs.queue(""));
  }

  @Test
  void finishedJobState() {
    List<JobState> jobs = SlurmOutputs.jobs(Fixtures.read("scontrol-show-job-completed.txt"));
    assertEquals(List.of(new JobState("29", null, "COMPLETED", "0:0")), jobs);
    List<JobState> tasks = SlurmOutputs.jobs(Fixtures.read("scontrol-show-job-array-cancelled.txt"));
    assertTrue(tasks.stream().anyMatch(t -> t.state().equals("CANCELLED") && t.arrayTaskId() != null), "" + tasks);
    assertTrue(tasks.stream().anyMatch(JobState::completed));
    // One task failed (exit 1), one hit its --time limit, two completed.
    List<JobState> mixed = SlurmOutputs.jobs(Fixtures.read("scontrol-show-job-array-failed-timeout.txt"));
    assertEquals(List.of("3 COMPLETED 0:0", "2 TIMEOUT 0:15", "1 COMPLETED 0:0", "0 FAILED 1:0"),
        mixed.stream().map(j -> j.arrayTaskId() + " " + j.state() + " " + j.exitCode()).toList());
    assertEquals(4, mixed.stream().map(JobState::jobId).distinct().count(), "each task has its own job id");
  }

  @Test
  void theMostTellingLineOfAFailure() {
    CommandResult down = new CommandResult(1, "", Fixtures.read("squeue-controller-down.txt"));
    assertEquals("slurm_load_jobs error: Unable to contact slurm controller (connect failure)", down.lastLine());
    CommandResult noConfig = new CommandResult(1, Fixtures.read("scontrol-ping-no-config.txt"), "");
    assertEquals("scontrol: fatal: Could not establish a configuration source", noConfig.lastLine());
    CommandResult partition = new CommandResult(1, "", Fixtures.read("sbatch-invalid-partition.txt"));
    assertEquals("sbatch: error: Batch job submission failed: Invalid partition name specified",
        partition.lastLine());
  }
}
