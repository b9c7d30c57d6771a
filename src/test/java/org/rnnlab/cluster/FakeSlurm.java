package org.rnnlab.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Slurm's programs as a {@link CommandRunner} answering with recorded outputs; it records every call. */
final class FakeSlurm implements CommandRunner {
  final List<List<String>> calls = new ArrayList<>();
  boolean sbatchMissing;
  boolean controllerDown;
  String config = Fixtures.read("scontrol-show-config.txt");
  String testOnlyError;
  String failSubmitOf;
  int nextJobId = 28;
  /** An squeue answer that stands for "the controller is unreachable". */
  static final String UNREACHABLE = "<unreachable>";
  /** Answers of successive squeue calls (or {@link #UNREACHABLE}); then empty. */
  final Deque<String> queue = new ArrayDeque<>();
  final Map<String, String> jobs = new HashMap<>();
  Runnable onLastQueue = () -> {};

  @Override
  public CommandResult run(List<String> command, String stdin) throws IOException {
    calls.add(command);
    String c = String.join(" ", command);
    if (c.equals("sbatch --version")) {
      if (sbatchMissing) {
        throw new IOException("Cannot run program \"sbatch\": error=2, No such file or directory");
      }
      return ok("slurm-wlm 22.05.8\n");
    }
    if (c.equals("scontrol ping")) {
      return controllerDown ? new CommandResult(1, Fixtures.read("scontrol-ping-down.txt"), "")
          : ok(Fixtures.read("scontrol-ping-up.txt"));
    }
    if (c.equals("scontrol show config")) {
      return ok(config);
    }
    if (c.equals("sbatch --test-only")) {
      return testOnlyError == null ? new CommandResult(0, "", "sbatch: Job 8 to start at 2026-12-01T21:37:53 "
          + "using 1 processors on nodes vm in partition debug\n") : new CommandResult(1, "", testOnlyError);
    }
    if (c.startsWith("sbatch --parsable ")) {
      if (failSubmitOf != null && Path.of(command.get(2)).getFileName().toString().equals(failSubmitOf)) {
        return new CommandResult(1, "", Fixtures.read("sbatch-invalid-partition.txt"));
      }
      return ok((nextJobId++) + "\n");
    }
    if (command.get(0).equals("squeue")) {
      String answer = queue.isEmpty() ? "" : queue.poll();
      if (queue.isEmpty()) {
        onLastQueue.run();
      }
      return answer.equals(UNREACHABLE) ? new CommandResult(1, "", Fixtures.read("squeue-controller-down.txt")) : ok(answer);
    }
    if (c.startsWith("scontrol show job -o ")) {
      String j = jobs.get(command.get(4));
      return j == null ? new CommandResult(1, "", Fixtures.read("squeue-invalid-job.txt")) : ok(j);
    }
    if (command.get(0).equals("scancel")) {
      return ok("");
    }
    throw new AssertionError("unexpected command " + c);
  }

  /** The calls' first words, e.g. "sbatch --parsable". */
  List<String> verbs() {
    return calls.stream().map(c -> c.get(0) + " " + c.get(1)).toList();
  }

  private static CommandResult ok(String out) {
    return new CommandResult(0, out, "");
  }
}
