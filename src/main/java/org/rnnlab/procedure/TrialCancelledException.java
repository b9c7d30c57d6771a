package org.rnnlab.procedure;

/** Thrown out of {@link Recorder#progress} when the run stops (e.g. results can no longer be written). */
public final class TrialCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrialCancelledException(String why) {
    super(why);
  }
}
