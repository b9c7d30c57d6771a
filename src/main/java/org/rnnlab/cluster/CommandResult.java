package org.rnnlab.cluster;

import java.util.Arrays;

/** An external command's exit status and output. */
public record CommandResult(int exitCode, String stdout, String stderr) {
  /** Whether it exited with status 0. */
  public boolean ok() {
    return exitCode == 0;
  }

  /** The most telling line of the output for a one-line message: the last error line, else the last line. */
  public String lastLine() {
    String[] lines = (stderr + "\n" + stdout).strip().split("\n");
    return Arrays.stream(lines).map(String::strip).filter(l -> l.contains("error") || l.contains("fatal"))
        .reduce((a, b) -> b).orElse(lines[lines.length - 1].strip());
  }
}
