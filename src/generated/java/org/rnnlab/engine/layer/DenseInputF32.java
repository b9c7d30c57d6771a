// Generated from src/main/java/org/rnnlab/engine/layer/DenseInput.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change DenseInput.java and run `make generate`.
package org.rnnlab.engine.layer;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Rng;

/** The batch's real features, passed through untouched (no parameters; no copy in double precision). */
public final class DenseInputF32 implements InputLayerF32 {
  private final int features;
  private float[] inputs;
  private int offset;
  private float[] rounded = new float[0];  // the float32 twin's copy of the inputs (unused here)

  /** An input of {@code features} real values per step. */
  public DenseInputF32(int features) {
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
  public void initialize(float[] values, Rng rng) {}

  @Override
  public void check(Batch b) {
    if (b.inputSize() != features) {
      throw new IllegalArgumentException("the model reads " + features + " features per step, the batch has "
          + b.inputSize());
    }
  }

  @Override
  public void forward(float[] values, Batch b, int t0, int steps) {
    inputs = roundedInputs(b, t0, steps);
    offset = 0;
  }

  /**
   * Steps [t0, t0 + steps) of the batch's inputs in this model's precision, in a reused buffer: how
   * the float32 twin (codegen) reads a double batch; the double model reads the batch in place.
   */
  private float[] roundedInputs(Batch b, int t0, int steps) {
    int n = steps * b.size() * features;
    if (rounded.length < n) {
      rounded = new float[n];
    }
    FloatKernels.round(b.inputs(), t0 * b.size() * features, rounded, 0, n);
    return rounded;
  }

  @Override
  public float[] output() {
    return inputs;
  }

  @Override
  public int outputOffset() {
    return offset;
  }

  @Override
  public void backward(float[] grads, float[] dOut, float[] dx) {}
}
