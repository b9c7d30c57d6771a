package org.rnnlab.engine.layer;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/** The batch's real features, passed through untouched (no parameters, no copy). */
public final class DenseInput implements InputLayer {
  private final int features;
  private double[] inputs;
  private int offset;

  /** An input of {@code features} real values per step. */
  public DenseInput(int features) {
    if (features < 1) {
      throw new IllegalArgumentException("a dense input needs at least one feature, got " + features);
    }
    this.features = features;
  }

  @Override
  public int outputSize() {
    return features;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public boolean readsTokens() {
    return false;
  }

  @Override
  public boolean passthrough() {
    return true;
  }

  @Override
  public void initialize(double[] values, Rng rng) {}

  @Override
  public void check(Batch b) {
    if (b.inputSize() != features) {
      throw new IllegalArgumentException("the model reads " + features + " features per step, the batch has "
          + b.inputSize());
    }
  }

  @Override
  public void forward(double[] values, Batch b, int t0, int steps) {
    inputs = b.inputs();
    offset = t0 * b.size() * features;
  }

  @Override
  public double[] output() {
    return inputs;
  }

  @Override
  public int outputOffset() {
    return offset;
  }

  @Override
  public void backward(double[] grads, double[] dOut, double[] dx) {}
}
