// Generated from src/main/java/org/rnnlab/generate/ModelStep.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change ModelStep.java and run `make generate`.
package org.rnnlab.generate;

import org.rnnlab.engine.loss.LogSoftmax;
import java.util.Arrays;
import org.rnnlab.engine.SequenceModelF32;
import org.rnnlab.engine.layer.EmbeddingInputF32;

/**
 * A language model's step function: a unidirectional {@link SequenceModel} that embeds token ids
 * and reads out logits over the same vocabulary (softmax cross-entropy), stepped by {@link
 * SequenceModel#stepInto}; the start state is zeros, as in training and evaluation. The model is
 * used in the mode it is in: put it in evaluation mode first (batch norm's running statistics). Its
 * generated float32 twin steps a {@code SequenceModelF32} and widens the logits, so sampling and beam
 * search run the same double code for both precisions.
 */
public final class ModelStepF32 implements StepFunction<SequenceModelF32.State> {
  private final SequenceModelF32 model;
  private final int vocabulary;
  private float[] logits = new float[0];

  /** Refuses, in one line, a model that cannot generate its own input tokens. */
  public ModelStepF32(SequenceModelF32 model) {
    if (model.bidirectional()) {
      throw new IllegalArgumentException("a model with a bidirectional layer cannot generate: it reads whole sequences");
    }
    if (!(model.input() instanceof EmbeddingInputF32 e) || e.features() != 0) {
      throw new IllegalArgumentException("a model that generates must read token ids alone (an embedding input)");
    }
    if (e.vocabulary() != model.outputs() || !model.loss().classification()) {
      throw new IllegalArgumentException("a model that generates must read out a softmax over its input vocabulary; "
          + "this one reads " + e.vocabulary() + " tokens and has " + model.outputs() + " outputs"
          + (model.loss().classification() ? "" : " (regression)"));
    }
    this.model = model;
    this.vocabulary = e.vocabulary();
  }

  /** The model stepped. */
  public SequenceModelF32 model() {
    return model;
  }

  @Override
  public int vocabulary() {
    return vocabulary;
  }

  @Override
  public SequenceModelF32.State newStates(int rows) {
    return model.zeroState(rows);
  }

  @Override
  public void start(SequenceModelF32.State states, int row) {
    float[][][] p = states.parts();
    for (int k = 0; k < p.length; k++) {
      int w = model.layers().get(k).stateWidth();
      for (float[] part : p[k]) {
        Arrays.fill(part, row * w, (row + 1) * w, 0.0f);
      }
    }
  }

  @Override
  public void copyRow(SequenceModelF32.State src, int from, SequenceModelF32.State dst, int to) {
    float[][][] a = src.parts();
    float[][][] b = dst.parts();
    for (int k = 0; k < a.length; k++) {
      int w = model.layers().get(k).stateWidth();
      for (int q = 0; q < a[k].length; q++) {
        System.arraycopy(a[k][q], from * w, b[k][q], to * w, w);
      }
    }
  }

  @Override
  public void advance(SequenceModelF32.State states, int rows, int[] tokens, int position, double[] logProbs) {
    model.stepInto(tokens, rows, position, states, states, logits(rows));
    org.rnnlab.engine.FloatKernels.toDouble(logits, 0, logProbs, 0, rows * vocabulary);
    LogSoftmax.inPlace(logProbs, rows, vocabulary); // the log-softmax in double: exact on the widened logits
  }

  private float[] logits(int rows) { if (logits.length < rows * vocabulary) { logits = new float[rows * vocabulary]; } return logits; }
}
