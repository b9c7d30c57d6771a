// Generated from src/main/java/org/rnnlab/engine/norm/Normalization.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change Normalization.java and run `make generate`.
package org.rnnlab.engine.norm;

import java.util.Arrays;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;

/**
 * One normalisation site of a recurrent layer: for the rows of one time step of a batch,
 * {@code y = gain * N(x) + bias}, N being layer or batch normalisation (docs/normalisation.md).
 * A site works on rows of {@code width} values, a range of columns at a time (the GRU that
 * resets before the product computes its recurrent projection in two ranges), keeps the
 * normalised values x̂ of every row of the pass for the backward sweep, and allocates nothing
 * per step. A site whose input the layer can give again in the backward sweep (the LSTM's cell
 * state, a projection of a small input) need not keep x̂: see {@link #recomputeInput}.
 */
public abstract class NormalizationF32 {
  protected final String name;
  protected final int width;
  /** Normalisation groups: group g is the columns [groupStart[g], groupStart[g+1]). */
  protected final int[] groupStart;
  protected final Param gain;
  /** The site's own bias, or null when the biases are the cell's. */
  protected final Param bias;
  /** Offsets (in the values and gradient arrays) of the first and second bias; -1: none. */
  protected final int bias1;
  protected final int bias2;
  private final float gainInit;
  protected boolean training = true;
  /** Running statistics as exact averages over the passes since the last reset, not by momentum. */
  protected boolean averaging;
  protected int steps;
  protected int batch;
  /** x̂ of the pass: {@code steps x batch x width}, row {@code t * batch + b} (if kept). */
  protected float[] saved = new float[0];
  private boolean keep = true;
  /** x̂ of one step, {@code batch x width}, when x̂ is not kept: written by {@link #restore}. */
  protected float[] stepSaved = new float[0];
  /** The valid rows of the step at hand, in order (see {@link #collectValid}). */
  protected int[] rows = new int[0];
  /** Column sums of the step at hand (width each): of dy, and of dy * x̂. */
  protected final float[] sumDy;
  protected final float[] sumDyXhat;

  protected NormalizationF32(ParamsF32.Builder params, String name, int width, int[] groups, float gainInit,
                          Param[] biases) {
    if (biases.length > 2) {
      throw new IllegalArgumentException("a site adds at most two bias vectors");
    }
    this.name = name;
    this.width = width;
    this.groupStart = new int[groups.length + 1];
    for (int g = 0; g < groups.length; g++) {
      groupStart[g + 1] = groupStart[g] + groups[g];
    }
    if (groupStart[groups.length] != width) {
      throw new IllegalArgumentException(name + ": groups " + Arrays.toString(groups) + " do not sum to " + width);
    }
    this.gainInit = gainInit;
    this.gain = params.add(name + ".weight", 1, width, ParamsF32.Kind.NORM_GAIN, 1);
    for (Param b : biases) {
      if (b.size() != width) {
        throw new IllegalArgumentException(name + ": bias " + b.name() + " has " + b.size() + " values, not " + width);
      }
    }
    this.bias = biases.length == 0 ? params.add(name + ".bias", 1, width, ParamsF32.Kind.NORM_BIAS, 1) : null;
    this.bias1 = bias != null ? bias.offset() : biases[0].offset();
    this.bias2 = biases.length == 2 ? biases[1].offset() : -1;
    this.sumDy = new float[width];
    this.sumDyXhat = new float[width];
  }

  /** Sets the gain to its initial value, the site's own bias to 0, and resets any statistics. */
  public void initialize(float[] values) {
    Arrays.fill(values, gain.offset(), gain.offset() + width, gainInit);
    if (bias != null) {
      Arrays.fill(values, bias.offset(), bias.offset() + width, 0.0f);
    }
    resetStatistics(false);
  }

  /**
   * Forgets whatever the site has learnt outside its parameters (batch norm's running
   * statistics; nothing for layer norm). With {@code exact}, the training-mode passes that follow
   * set each step's statistics to the exact average of theirs (every pass that reaches the step
   * weighs the same), else to a moving average (the configured momentum).
   */
  public final void resetStatistics(boolean exact) {
    this.averaging = exact;
    clearStatistics();
  }

  /** The site's name ({@code norm_ih_l0}, ...), the prefix of its parameters and buffers. */
  public final String name() {
    return name;
  }

  /**
   * Whether the training-mode passes average the running statistics exactly (since a
   * {@code resetStatistics(true)}) rather than by momentum: with the buffers, all a site carries
   * from one update to the next.
   */
  public final boolean averaging() {
    return averaging;
  }

  /** Sets {@link #averaging()} without touching the statistics: for restoring saved training state. */
  public final void restoreAveraging(boolean exact) {
    this.averaging = exact;
  }

  /** Clears the running statistics (no-op without any). */
  protected void clearStatistics() {}

  /** Training (batch statistics, updating the running ones) or evaluation (running statistics). */
  public void setTraining(boolean on) {
    this.training = on;
  }

  /** Sizes the stores for a pass of {@code steps x batch} rows (allocating only to grow). */
  public final void ensure(int steps, int batch) {
    this.steps = steps;
    this.batch = batch;
    if (keep && saved.length < steps * batch * width) {
      saved = new float[steps * batch * width];
    }
    if (stepSaved.length < batch * width) {
      stepSaved = new float[batch * width];
      rows = new int[batch];
    }
    allocate(steps, batch);
  }

  /**
   * Keeps no x̂ for the backward sweep (less memory traffic): before {@link #backward} at step t
   * the layer calls {@link #restore} with that step's input, bit for bit as it was.
   */
  public final void recomputeInput() {
    this.keep = false;
  }

  /** Whether x̂ is kept from forward to backward. */
  public final boolean keepsInput() {
    return keep;
  }

  /** Recomputes x̂ of local step t from its input (laid out as in forward) and the step's statistics. */
  public abstract void restore(float[] src, int srcOff, int srcStride, int t);

  /** The array holding x̂ of row b at step t. */
  protected final float[] xhat() {
    return keep ? saved : stepSaved;
  }

  /** Offset of x̂ of row b, column 0, at step t in {@link #xhat()}. */
  protected final int xhatOffset(int t, int b) {
    return (keep ? t * batch + b : b) * width;
  }

  /** Grows the subclass's per-pass stores. */
  protected abstract void allocate(int steps, int batch);

  /** Called once at the start of every forward pass (after {@link #ensure}). */
  public void beginPass() {}

  /**
   * x̂ of the pass, {@code steps x batch x width} (if kept): the layer may let {@link #backward}
   * write dL/dx over it (the same positions), which it reads no more after that.
   */
  public final float[] saved() {
    return saved;
  }

  /**
   * Normalises columns [c0, c0+n) of the {@code batch} rows of local step t (step {@code step}
   * of the sequences): {@code dst[b] = gain * N(src[b]) + bias}. Row b of src starts at
   * {@code srcOff + b * srcStride}, of dst at {@code dstOff + b * dstStride} (column 0 of the
   * site). dst may be src. Rows with {@code valid[b]} false (padding) are normalised too but
   * take no part in any statistic.
   */
  public abstract void forward(float[] p, float[] src, int srcOff, int srcStride, float[] dst, int dstOff,
                               int dstStride, int c0, int n, int t, int step, boolean[] valid);

  /**
   * The backward of {@link #forward} at local step t: from dy = dL/dy (laid out like src) writes
   * dL/dsrc into out (which may be dy, or {@link #saved()} at the same rows) and adds dL/dgain
   * and dL/dbias into grads (same layout as the values). Padding rows get 0 and add nothing.
   */
  public abstract void backward(float[] p, float[] grads, float[] dy, int dyOff, int dyStride, float[] out,
                                int outOff, int outStride, int c0, int n, int t, boolean[] valid);

  /** Lists the valid rows in {@link #rows}, in order, and returns how many there are. */
  protected final int collectValid(boolean[] valid) {
    int nv = 0;
    for (int b = 0; b < batch; b++) {
      if (valid[b]) {
        rows[nv++] = b;
      }
    }
    return nv;
  }

  /**
   * For columns [c0, c0+n) at step t, into sumDy and sumDyXhat [0, n): the sums of dy and of
   * dy * x̂ over the valid rows, in a fixed order: the rows in order in blocks of four,
   * ((r0 + r1) + (r2 + r3)) added to the sum at a time, the last nv % 4 rows one at a time (a
   * quarter of the stores of one row at a time). Adds them to the gain's and bias' gradients.
   */
  protected final void gainBiasGradients(float[] grads, float[] dy, int dyOff, int dyStride, int c0, int n,
                                         int t, boolean[] valid) {
    int nv = collectValid(valid);
    Arrays.fill(sumDy, 0, n, 0.0f);
    Arrays.fill(sumDyXhat, 0, n, 0.0f);
    float[] xh = xhat();
    int i = 0;
    for (; i + 4 <= nv; i += 4) {
      int b0 = rows[i];
      int b1 = rows[i + 1];
      int b2 = rows[i + 2];
      int b3 = rows[i + 3];
      NormKernelsF32.gradientSums4(dy, dyOff + b0 * dyStride + c0, dyOff + b1 * dyStride + c0,
          dyOff + b2 * dyStride + c0, dyOff + b3 * dyStride + c0, xh, xhatOffset(t, b0) + c0,
          xhatOffset(t, b1) + c0, xhatOffset(t, b2) + c0, xhatOffset(t, b3) + c0, sumDy, sumDyXhat, n);
    }
    for (; i < nv; i++) {
      int b = rows[i];
      NormKernelsF32.gradientSums(dy, dyOff + b * dyStride + c0, xh, xhatOffset(t, b) + c0, sumDy, sumDyXhat, n);
    }
    NormKernelsF32.addGradients(grads, gain.offset() + c0, biasAt(0, c0), biasAt(1, c0), sumDy, sumDyXhat, n);
  }

  /** Offset of bias k (0 or 1) at column c, or -1 if there is no such bias. */
  protected final int biasAt(int k, int c) {
    int o = k == 0 ? bias1 : bias2;
    return o < 0 ? -1 : o + c;
  }

  /** Fills columns [c0, c0+n) of row b of out with zeros (a padding row's gradient). */
  protected static void zeroRow(float[] out, int off, int n) {
    Arrays.fill(out, off, off + n, 0.0f);
  }
}
