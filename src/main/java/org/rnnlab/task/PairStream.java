package org.rnnlab.task;

import org.rnnlab.engine.seq2seq.PairBatch;

/** An endless stream of training minibatches of pairs, a deterministic function of its seed. */
public interface PairStream {
  /** The next minibatch. */
  PairBatch next();
}
