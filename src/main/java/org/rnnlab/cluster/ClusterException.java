package org.rnnlab.cluster;

/**
 * A problem with the cluster or with the executor's options, told in one line that says what to check
 * (the CLI prints {@link #getMessage()} alone and exits with {@link #exitCode()}).
 */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit status for options that can never work (the CLI's "invalid input"). */
  public static final int INVALID_INPUT = 2;
  /** Exit status for a cluster that cannot take the work now (no sbatch, controller down, rejected job). */
  public static final int UNAVAILABLE = 1;

  private final int exitCode;

  private ClusterException(String message, int exitCode) {
    super(message.replace('\n', ' ').strip());
    this.exitCode = exitCode;
  }

  /** Options that are wrong whatever the cluster does. */
  static ClusterException invalid(String message) {
    return new ClusterException(message, INVALID_INPUT);
  }

  /** The cluster cannot take the work (missing client, controller down, submission rejected). */
  static ClusterException unavailable(String message) {
    return new ClusterException(message, UNAVAILABLE);
  }

  /** The exit status the CLI should return. */
  public int exitCode() {
    return exitCode;
  }
}
