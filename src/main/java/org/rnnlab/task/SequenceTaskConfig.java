package org.rnnlab.task;

/** The spec record of a {@link SequenceTask}: what the bptt and ridge procedures train on. */
public interface SequenceTaskConfig extends TaskConfig {
  @Override
  SequenceTask create();
}
