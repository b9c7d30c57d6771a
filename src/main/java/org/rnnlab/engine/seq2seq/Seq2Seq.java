package org.rnnlab.engine.seq2seq;

import org.rnnlab.engine.Precision;
import org.rnnlab.engine.TrainingState;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.clip.ClipStats;

/**
 * An {@link EncoderDecoder} of either {@link Precision} with its optimiser and clipping rule, as the seq2seq loop,
 * evaluation and decoding see it: losses, attention weights and stored weights are doubles at this boundary
 * (a float32 model's widen exactly), so that they are one code for both precisions.
 */
public interface Seq2Seq {
  /** The precision the model computes in. */
  Precision precision();

  /** Training mode or evaluation mode ({@link EncoderDecoder#setTraining}). */
  void setTraining(boolean on);

  /** Target vocabulary size, the special symbols included. */
  int targetVocabulary();

  /** See {@link EncoderDecoder#loss}. */
  double loss(PairBatch b, int[] fed);

  /** See {@link EncoderDecoder#greedyDecode}. */
  int[][] greedyDecode(int[] sources, int[] lengths, int maxLength);

  /** See {@link EncoderDecoder#attentionWeights}, widened to double. */
  double[][][] attentionWeights();

  /** See {@link EncoderDecoder#chooseFed}: both precisions choose by the double log-softmax of their logits. */
  void chooseFed(PairBatch b, EncoderDecoder.FeedPolicy policy, boolean sample, Rng rng, int[] fed);

  /** One update on {@code b} fed {@code fed}: gradient, clipping, optimiser step; the loss and what the rule did. */
  Update train(PairBatch b, int[] fed);

  /** What one update measured. */
  record Update(double loss, ClipStats clip) {}

  /** Its parameters, optimiser and clipping rule as training state and stored model. */
  TrainingState state();
}
