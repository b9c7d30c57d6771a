package org.rnnlab.data;

import java.util.Locale;

/** The three parts of a dataset on disk, each fixed by a documented rule (docs/datasets.md). */
public enum Split {
  TRAIN,
  VALIDATION,
  TEST;

  /** The lower-case name used in specs and results: {@code train}, {@code validation}, {@code test}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
