package org.rnnlab.generate;

import org.rnnlab.engine.loss.LogSoftmax;
import java.util.Arrays;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.layer.EmbeddingInput;

/**
 * A language model's step function: a unidirectional {@link SequenceModel} that embeds token ids
 * and reads out logits over the same vocabulary (softmax cross-entropy), stepped by {@link
 * SequenceModel#stepInto}; the start state is zeros, as in training and evaluation. The model is
 * used in the mode it is in: put it in evaluation mode first (batch norm's running statistics). Its
 * generated float32 twin steps a {@code SequenceModelF32} and widens the logits, so sampling and beam
 * search run the same double code for both precisions.
 */
public final class ModelStep implements StepFunction<SequenceModel.State> {
  private final SequenceModel model;
  private final int vocabulary;
  // f32: private float[] logits = new float[0];

  /** Refuses, in one line, a model that cannot generate its own input tokens. */
  public ModelStep(SequenceModel model) {
    if (model.bidirectional()) {
      throw new IllegalArgumentException("a model with a bidirectional layer cannot generate: it reads whole sequences");
    }
    if (!(model.input() instanceof EmbeddingInput e) || e.features() != 0) {
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
  public SequenceModel model() {
    return model;
  }

  @Override
  public int vocabulary() {
    return vocabulary;
  }

  @Override
  public SequenceModel.State newStates(int rows) {
    return model.zeroState(rows);
  }

  @Override
  public void start(SequenceModel.State states, int row) {
    double[][][] p = states.parts();
    for (int k = 0; k < p.length; k++) {
      int w = model.layers().get(k).stateWidth();
      for (double[] part : p[k]) {
        Arrays.fill(part, row * w, (row + 1) * w, 0.0);
      }
    }
  }

  @Override
  public void copyRow(SequenceModel.State src, int from, SequenceModel.State dst, int to) {
    double[][][] a = src.parts();
    double[][][] b = dst.parts();
    for (int k = 0; k < a.length; k++) {
      int w = model.layers().get(k).stateWidth();
      for (int q = 0; q < a[k].length; q++) {
        System.arraycopy(a[k][q], from * w, b[k][q], to * w, w);
      }
    }
  }

  @Override
  public void advance(SequenceModel.State states, int rows, int[] tokens, int position, /*f64*/double[] logProbs) {
    model.stepInto(tokens, rows, position, states, states, logProbs); // f32: model.stepInto(tokens, rows, position, states, states, logits(rows));
    // f32: org.rnnlab.engine.FloatKernels.toDouble(logits, 0, logProbs, 0, rows * vocabulary);
    LogSoftmax.inPlace(logProbs, rows, vocabulary); // the log-softmax in double: exact on the widened logits
  }

  // f32: private float[] logits(int rows) { if (logits.length < rows * vocabulary) { logits = new float[rows * vocabulary]; } return logits; }
}
