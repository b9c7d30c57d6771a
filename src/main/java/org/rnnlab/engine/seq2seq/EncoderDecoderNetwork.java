package org.rnnlab.engine.seq2seq;

import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.ParamsUpdate;
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
public final class EncoderDecoderNetwork implements Seq2Seq {
  private final EncoderDecoder model;
  private final ParamsUpdate update;

  /** {@code model}, trained by {@code optimizer} (null: a model to evaluate and decode only) with {@code clip} (null: none). */
  public EncoderDecoderNetwork(EncoderDecoder model, OptimizerConfig optimizer, GradientClip clip) {
    this.model = model;
    this.update = new ParamsUpdate(model.params(), optimizer, clip);
  }

  /** The engine model. */
  public EncoderDecoder model() {
    return model;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64; // f32: return Precision.FLOAT32;
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
  public /*f64*/double loss(PairBatch b, int[] fed) {
    return model.loss(b, fed);
  }

  @Override
  public int[][] greedyDecode(int[] sources, int[] lengths, int maxLength) {
    return model.greedyDecode(sources, lengths, maxLength);
  }

  @Override
  public /*f64*/double[][][] attentionWeights() {
    return FloatKernels.widen(model.attentionWeights());
  }

  @Override
  public void chooseFed(PairBatch b, /*f64*/EncoderDecoder.FeedPolicy policy, boolean sample, Rng rng, int[] fed) {
    model.chooseFed(b, policy::useModel, sample, rng, fed);
  }

  @Override
  public Update train(PairBatch b, int[] fed) {
    update.begin();
    /*f64*/double loss = model.forwardBackward(b, fed);
    return new Update(loss, update.finish());
  }

  @Override
  public TrainingState state() {
    return update;
  }
}
