// Generated from src/main/java/org/rnnlab/generate/DecoderStep.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change DecoderStep.java and run `make generate`.
package org.rnnlab.generate;

import org.rnnlab.engine.loss.LogSoftmax;
import org.rnnlab.engine.seq2seq.EncoderDecoderF32;
import org.rnnlab.engine.seq2seq.PairBatch;

/**
 * An encoder–decoder's step function for one source: the source is encoded once (its context and,
 * with attention, its encoder outputs and their keys are fixed and shared by every row, e.g. a beam's
 * hypotheses); each row's state is the decoder's recurrent state, starting from the encoder's
 * (directly or through the bridge). Prime with {@link PairBatch#START} and end at
 * {@link PairBatch#END}. The model is used in the mode it is in, with the weights it has when this is
 * made (the attention keys are computed then). {@code DecoderStepF32} is its generated float32 twin, which
 * widens the logits into the double log-softmax, so that beam search and sampling are one code.
 */
public final class DecoderStepF32 implements StepFunction<float[][][]> {
  private final EncoderDecoderF32 model;
  private final EncoderDecoderF32.Encoded source;
  private final int vocabulary;
  private float[] logits = new float[0];

  /** Encodes {@code source} (its token ids) with {@code model}. */
  public DecoderStepF32(EncoderDecoderF32 model, int[] source) {
    if (source.length == 0) {
      throw new IllegalArgumentException("a source to decode needs at least one token");
    }
    this.model = model;
    this.source = model.encode(source);
    this.vocabulary = model.targetVocabulary();
  }

  /** The model stepped. */
  public EncoderDecoderF32 model() {
    return model;
  }

  @Override
  public int vocabulary() {
    return vocabulary;
  }

  @Override
  public float[][][] newStates(int rows) {
    return model.newDecoderState(rows);
  }

  @Override
  public void start(float[][][] states, int row) {
    model.startRow(source, states, row);
  }

  @Override
  public void copyRow(float[][][] src, int from, float[][][] dst, int to) {
    model.copyRow(src, from, dst, to);
  }

  @Override
  public void advance(float[][][] states, int rows, int[] tokens, int position, double[] logProbs) {
    model.step(source, states, rows, tokens, position, logits(rows));
    org.rnnlab.engine.FloatKernels.toDouble(logits, 0, logProbs, 0, rows * vocabulary);
    LogSoftmax.inPlace(logProbs, rows, vocabulary);
  }

  private float[] logits(int rows) { if (logits.length < rows * vocabulary) { logits = new float[rows * vocabulary]; } return logits; }
}
