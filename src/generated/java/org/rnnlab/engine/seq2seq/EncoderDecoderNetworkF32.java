// Generated from src/main/java/org/rnnlab/engine/seq2seq/EncoderDecoderNetwork.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change EncoderDecoderNetwork.java and run `make generate`.
package org.rnnlab.engine.seq2seq;

import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.ParamsUpdateF32;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.TrainingState;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;

/**
 * The one source of {@link Seq2Seq} in both precisions: an {@link EncoderDecoder} with its optimiser and clipping
 * rule (a {@link ParamsUpdate}); the generated {@code EncoderDecoderNetworkF32} wraps the float32 model and widens
 * what it returns exactly.
 */
public final class EncoderDecoderNetworkF32 implements Seq2Seq {
  private final EncoderDecoderF32 model;
  private final ParamsUpdateF32 update;

  /** {@code model}, trained by {@code optimizer} (null: a model to evaluate and decode only) with {@code clip} (null: none). */
  public EncoderDecoderNetworkF32(EncoderDecoderF32 model, OptimizerConfig optimizer, GradientClip clip) {
    this.model = model;
    this.update = new ParamsUpdateF32(model.params(), optimizer, clip);
  }

  /** The engine model. */
  public EncoderDecoderF32 model() {
    return model;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public void setTraining(boolean on) {
    model.setTraining(on);
  }

  @Override
  public int targetVocabulary() {
    return model.targetVocabulary();
  }

  @Override
  public double loss(PairBatch b, int[] fed) {
    return model.loss(b, fed);
  }

  @Override
  public int[][] greedyDecode(int[] sources, int[] lengths, int maxLength) {
    return model.greedyDecode(sources, lengths, maxLength);
  }

  @Override
  public double[][][] attentionWeights() {
    return FloatKernels.widen(model.attentionWeights());
  }

  @Override
  public void chooseFed(PairBatch b, EncoderDecoder.FeedPolicy policy, boolean sample, Rng rng, int[] fed) {
    model.chooseFed(b, policy::useModel, sample, rng, fed);
  }

  @Override
  public Update train(PairBatch b, int[] fed) {
    update.begin();
    double loss = model.forwardBackward(b, fed);
    return new Update(loss, update.finish());
  }

  @Override
  public TrainingState state() {
    return update;
  }
}
