// Generated from src/main/java/org/rnnlab/engine/norm/LayerNorm.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change LayerNorm.java and run `make generate`.
package org.rnnlab.engine.norm;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;

/**
 * Layer normalisation (seed 000, 7.3.1, eq. 7.6; Ba, Kiros and Hinton 2016): each row's group of
 * values is normalised by its own mean and standard deviation, x̂ = (x - mu) / sqrt(var + eps),
 * with var = mean((x - mu)^2) (the population variance, computed in two passes rather than the
 * seed's E[x^2] - mu^2, which cancels badly when |mu| is large), then y = gain * x̂ + bias. The
 * same in training and evaluation: nothing depends on the other sequences of the batch.
 */
public final class LayerNormF32 extends NormalizationF32 {
  /** Spec record: {@code {"type": "layer", "epsilon": 1e-5, "gain": 1.0}}. */
  public record Config(
      @Hyper(doc = "Added to the variance before the square root (1e-5 in Ba et al.'s code, "
          + "ryankiros/layer-norm).", min = 0, exclusiveMin = true, defaultValue = "1e-5") Float epsilon,
      @Hyper(doc = "Initial gain (Ba et al.: 1).", defaultValue = "1.0") Float gain) implements NormConfigF32 {
    public Config {
      epsilon = epsilon == null ? 1e-5f : epsilon;
      gain = gain == null ? 1.0f : gain;
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("layer norm epsilon must be > 0, got " + epsilon);
      }
    }

    @Override
    public NormalizationF32 create(ParamsF32.Builder params, String name, int width, int[] groups, Param... biases) {
      return new LayerNormF32(params, name, width, groups, this, biases);
    }

    /** The tanh RNN normalises W x + U h as one vector: the seed's eq. 7.6. */
    @Override
    public boolean normalisesSum() {
      return true;
    }
  }

  private final float eps;
  private final int groups;
  private final float[] scratch = new float[NormKernelsF32.SCRATCH];
  private float[] rstd = new float[0];  // 1 / sqrt(var + eps) per row and group
  private float[] means = new float[0]; // mean per row and group (to restore x̂)

  LayerNormF32(ParamsF32.Builder params, String name, int width, int[] groups, Config c, Param[] biases) {
    super(params, name, width, groups, c.gain(), biases);
    this.eps = c.epsilon();
    this.groups = groups.length;
  }

  @Override
  protected void allocate(int steps, int batch) {
    if (rstd.length < steps * batch * groups) {
      rstd = new float[steps * batch * groups];
      means = new float[steps * batch * groups];
    }
  }

  /** The first group of the range [c0, c0+n), which must consist of whole groups. */
  private int firstGroup(int c0, int n) {
    int g = 0;
    while (groupStart[g] < c0) {
      g++;
    }
    int e = g;
    while (groupStart[e] < c0 + n) {
      e++;
    }
    if (groupStart[g] != c0 || groupStart[e] != c0 + n) {
      throw new IllegalStateException(name + ": columns [" + c0 + ", " + (c0 + n) + ") split a group");
    }
    return g;
  }

  @Override
  public void forward(float[] p, float[] src, int srcOff, int srcStride, float[] dst, int dstOff,
                      int dstStride, int c0, int n, int t, int step, boolean[] valid) {
    int g0 = firstGroup(c0, n);
    float[] xh = keepsInput() ? saved : null;  // not kept: restore() recomputes it
    for (int b = 0; b < batch; b++) {
      int row = t * batch + b;
      for (int g = g0; groupStart[g] < c0 + n; g++) {
        int gs = groupStart[g];
        int m = groupStart[g + 1] - gs;
        int so = srcOff + b * srcStride + gs;
        int xo = xhatOffset(t, b) + gs;
        float mean = NormKernelsF32.sum(NormKernelsF32.PLAIN, src, so, null, 0, null, 0, 0.0f, m, scratch) / m;
        float var = NormKernelsF32.sum(NormKernelsF32.SQUARED_DEVIATION, src, so, null, 0, null, 0, mean, m, scratch)
            / m;
        float r = 1.0f / (float) Math.sqrt(var + eps);
        rstd[row * groups + g] = r;
        means[row * groups + g] = mean;
        NormKernelsF32.layerForward(src, so, mean, r, xh, xo, p, gain.offset() + gs, biasAt(0, gs), biasAt(1, gs),
            dst, dstOff + b * dstStride + gs, m);
      }
    }
  }

  @Override
  public void restore(float[] src, int srcOff, int srcStride, int t) {
    for (int b = 0; b < batch; b++) {
      int row = t * batch + b;
      for (int g = 0; g < groups; g++) {
        int gs = groupStart[g];
        NormKernelsF32.centreScale(src, srcOff + b * srcStride + gs, means[row * groups + g], rstd[row * groups + g],
            stepSaved, b * width + gs, groupStart[g + 1] - gs);
      }
    }
  }

  /**
   * dL/dx = r * (g - mean(g) - x̂ * mean(g * x̂)) with g = gain * dL/dy, per row and group: the
   * backward of the normalisation, which couples the values of the group.
   */
  @Override
  public void backward(float[] p, float[] grads, float[] dy, int dyOff, int dyStride, float[] out,
                       int outOff, int outStride, int c0, int n, int t, boolean[] valid) {
    int g0 = firstGroup(c0, n);
    gainBiasGradients(grads, dy, dyOff, dyStride, c0, n, t, valid);  // before out may overwrite dy or x̂
    float[] xh = xhat();
    for (int b = 0; b < batch; b++) {
      int row = t * batch + b;
      if (!valid[b]) {
        zeroRow(out, outOff + b * outStride + c0, n);
        continue;
      }
      for (int g = g0; groupStart[g] < c0 + n; g++) {
        int gs = groupStart[g];
        int m = groupStart[g + 1] - gs;
        int xo = xhatOffset(t, b) + gs;
        int dyo = dyOff + b * dyStride + gs;
        int go = gain.offset() + gs;
        NormKernelsF32.sumProducts(dy, dyo, p, go, xh, xo, m, scratch);   // sum(g), sum(g * x̂), g = dy * gain
        NormKernelsF32.layerInputGradient(dy, dyo, p, go, xh, xo, rstd[row * groups + g], scratch[0] / m,
            scratch[1] / m,
            out, outOff + b * outStride + gs, m);
      }
    }
  }
}
