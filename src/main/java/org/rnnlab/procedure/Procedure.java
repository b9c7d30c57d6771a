package org.rnnlab.procedure;

/** Fits and measures the model of one trial. */
public interface Procedure {
  /**
   * Runs {@code trial}, reporting through {@code recorder}: curve scalars and series as it goes,
   * final metrics at the end. A pure function of the trial (single-threaded; same trial, same
   * bits). A diverging run is a result ({@link Recorder#diverged}), not an exception; exceptions
   * mean the trial could not run at all.
   */
  void run(Trial trial, Recorder recorder);
}
