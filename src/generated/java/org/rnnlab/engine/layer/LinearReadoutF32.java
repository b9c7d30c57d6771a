// Generated from src/main/java/org/rnnlab/engine/layer/LinearReadout.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change LinearReadout.java and run `make generate`.
package org.rnnlab.engine.layer;

import org.rnnlab.engine.GemmF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;

/**
 * y = W h + b at every step or at each sequence's last step (seed 000, fig. 7.3; PyTorch
 * nn.Linear, {@code readout.weight} is {@code outputs x fanIn}); the loss turns y into a
 * probability where it needs one (softmax cross-entropy).
 */
public final class LinearReadoutF32 {
  private final Param weight;
  private final Param bias;
  private final int fanIn;
  private final int outputs;
  private final ReadoutMode mode;
  private final float[] weightT;
  private long transposedVersion = -1;  // the Params version weightT was made at by a pass that named it

  /** Declares {@code readout.weight} and {@code readout.bias}. */
  public LinearReadoutF32(ParamsF32.Builder params, int fanIn, int outputs, ReadoutMode mode) {
    if (fanIn < 1 || outputs < 1) {
      throw new IllegalArgumentException("readout sizes must be positive, got " + fanIn + " -> " + outputs);
    }
    this.weight = params.add("readout.weight", outputs, fanIn, ParamsF32.Kind.OUTPUT_WEIGHT, 1);
    this.bias = params.add("readout.bias", 1, outputs, ParamsF32.Kind.BIAS, 1);
    this.fanIn = fanIn;
    this.outputs = outputs;
    this.mode = mode;
    this.weightT = new float[fanIn * outputs];
  }

  /** Where the readout sits. */
  public ReadoutMode mode() {
    return mode;
  }

  /** Outputs per position. */
  public int outputs() {
    return outputs;
  }

  /** Features read per position. */
  public int fanIn() {
    return fanIn;
  }

  /** W (for closed-form fits). */
  public Param weight() {
    return weight;
  }

  /** b. */
  public Param bias() {
    return bias;
  }

  /** nn.Linear's default bound 1/sqrt(fan_in), streams {@code readout.weight} and {@code readout.bias}. */
  public void initialize(float[] values, Initializer weightInit, Rng rng) {
    double bound = 1.0 / Math.sqrt(fanIn);  // double in the float32 twin too: the same draws, rounded
    weightInit.fill(values, weight.offset(), outputs, fanIn, bound, rng.child("readout.weight"));
    weightInit.fillBias(values, bias.offset(), outputs, bound, rng.child("readout.bias"));
  }

  /** out = b + top W^T for {@code positions} rows of top ({@code fanIn} wide, at topOff). */
  public void forward(float[] values, float[] top, int topOff, int positions, float[] out) {
    forward(values, top, topOff, positions, out, -1);
  }

  /**
   * {@link #forward(double[], double[], int, int, double[])} for values at {@code weightsVersion}
   * (their {@code Params.version()}): W^T of the previous pass is reused if it named the same
   * version, else made afresh (-1: always).
   */
  public void forward(float[] values, float[] top, int topOff, int positions, float[] out, long weightsVersion) {
    boolean reuse = weightsVersion >= 0 && weightsVersion == transposedVersion;
    transposedVersion = weightsVersion;
    if (!reuse) {
      for (int i = 0; i < fanIn; i++) {
        for (int o = 0; o < outputs; o++) {
          weightT[i * outputs + o] = values[weight.offset() + o * fanIn + i];
        }
      }
    }
    for (int p = 0; p < positions; p++) {
      System.arraycopy(values, bias.offset(), out, p * outputs, outputs);
    }
    GemmF32.mult(positions, outputs, fanIn, top, topOff, fanIn, 1, weightT, 0, outputs, out, 0, outputs, true);
  }

  /** Adds dL/dW and dL/db from dL/d(out); writes dL/d(top) = dOut W into dTop (positions x fanIn). */
  public void backward(float[] values, float[] grads, float[] dOut, float[] top, int topOff, int positions,
                       float[] dTop) {
    GemmF32.mult(outputs, fanIn, positions, dOut, 0, 1, outputs, top, topOff, fanIn, grads, weight.offset(), fanIn, true);
    for (int p = 0; p < positions; p++) {
      for (int o = 0; o < outputs; o++) {
        grads[bias.offset() + o] += dOut[p * outputs + o];
      }
    }
    GemmF32.mult(positions, fanIn, outputs, dOut, 0, outputs, 1, values, weight.offset(), fanIn, dTop, 0, fanIn, false);
  }
}
