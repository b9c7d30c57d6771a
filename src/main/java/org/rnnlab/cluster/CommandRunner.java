package org.rnnlab.cluster;

import java.io.IOException;
import java.util.List;

/** Runs an external command to completion; the seam between the executor's logic and Slurm's programs. */
public interface CommandRunner {
  /**
   * Runs {@code command} with {@code stdin} (null: none) and returns its exit status and output.
   *
   * @throws IOException if the program cannot be started (not on PATH, not executable)
   */
  CommandResult run(List<String> command, String stdin) throws IOException;
}
