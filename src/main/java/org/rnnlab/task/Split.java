package org.rnnlab.task;

/** The three parts of a task's data: fitting, model selection during training, and the final measurement. */
public enum Split {
  TRAIN, VALIDATION, TEST;

  /** The lower-case name used in specs and metric prefixes ("validation"). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
