// Generated from src/main/java/org/rnnlab/engine/layer/InputLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change InputLayer.java and run `make generate`.
package org.rnnlab.engine.layer;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * What a model's first recurrent layer reads at each step, made from a batch: its real features
 * as they are ({@link DenseInput}), or learnt vectors of its token ids ({@link EmbeddingInput}).
 */
public interface InputLayerF32 {
  /** Features per step handed to the first recurrent layer. */
  int outputSize();

  /** Real features per step the batch must carry ({@link Batch#inputSize()}). */
  int features();

  /** Whether the batch must carry token ids. */
  boolean readsTokens();

  /**
   * Whether the output is the batch's inputs themselves, so that dL/d(output) is dL/dx and
   * {@link #backward} has nothing to do.
   */
  boolean passthrough();

  /** Draws this layer's parameters (if any) from its own child stream of {@code rng}. */
  void initialize(float[] values, Rng rng);

  /** Fails with a clear message if the batch does not fit this layer. */
  void check(Batch b);

  /** Builds the input of steps [t0, t0+steps) of the batch. */
  void forward(float[] values, Batch b, int t0, int steps);

  /** The last forward pass's output, {@code steps x batch x outputSize()} at {@link #outputOffset()}. */
  float[] output();

  /** Offset of the span's first step in {@link #output()}. */
  int outputOffset();

  /**
   * Adds the parameter gradients from dL/d(output) ({@code steps x batch x outputSize()} at offset 0)
   * and writes dL/d(real features) into dx ({@code steps x batch x features()}) if not null.
   */
  void backward(float[] grads, float[] dOut, float[] dx);
}
