package org.rnnlab.engine.layer;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Rng;

/** The batch's real features, passed through untouched (no parameters; no copy in double precision). */
public final class DenseInput implements InputLayer {
  private final int features;
  private double[] inputs;
  private int offset;
  private double[] rounded = new double[0];  // the float32 twin's copy of the inputs (unused here)

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
    inputs = b.inputs(); // f32: inputs = roundedInputs(b, t0, steps);
    offset = t0 * b.size() * features; // f32: offset = 0;
  }

  /**
   * Steps [t0, t0 + steps) of the batch's inputs in this model's precision, in a reused buffer: how
   * the float32 twin (codegen) reads a double batch; the double model reads the batch in place.
   */
  private double[] roundedInputs(Batch b, int t0, int steps) {
    int n = steps * b.size() * features;
    if (rounded.length < n) {
      rounded = new double[n];
    }
    FloatKernels.round(b.inputs(), t0 * b.size() * features, rounded, 0, n);
    return rounded;
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
