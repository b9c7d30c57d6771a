package org.rnnlab.engine;

/** Where a model reads out its prediction (seed 000, fig. 7.3; Goodfellow fig. 10.3-10.5). */
public enum ReadoutMode {
  /** One output per sequence, at its last valid step (sequence classification/regression). */
  LAST,
  /** One output at every time step (tagging, language modelling). */
  EVERY_STEP
}
