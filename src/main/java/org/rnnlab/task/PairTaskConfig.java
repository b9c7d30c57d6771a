package org.rnnlab.task;

/** The spec record of a {@link PairTask}: what the seq2seq procedure trains on. */
public interface PairTaskConfig extends TaskConfig {
  @Override
  PairTask create();
}
