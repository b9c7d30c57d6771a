package org.rnnlab.engine.norm;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;

/**
 * Layer normalisation (seed 000, 7.3.1, eq. 7.6; Ba, Kiros and Hinton 2016): each row's group of
 * values is normalised by its own mean and standard deviation, x̂ = (x - mu) / sqrt(var + eps),
 * with var = mean((x - mu)^2) (the population variance, computed in two passes rather than the
 * seed's E[x^2] - mu^2, which cancels badly when |mu| is large), then y = gain * x̂ + bias. The
 * same in training and evaluation: nothing depends on the other sequences of the batch.
 */
public final class LayerNorm extends Normalization {
  /** Spec record: {@code {"type": "layer", "epsilon": 1e-5, "gain": 1.0}}. */
  public record Config(
      @Hyper(doc = "Added to the variance before the square root (1e-5 in Ba et al.'s code, "
          + "ryankiros/layer-norm).", min = 0, exclusiveMin = true, defaultValue = "1e-5") Double epsilon,
      @Hyper(doc = "Initial gain (Ba et al.: 1).", defaultValue = "1.0") Double gain) implements NormConfig {
    public Config {
      epsilon = epsilon == null ? 1e-5 : epsilon;
      gain = gain == null ? 1.0 : gain;
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("layer norm epsilon must be > 0, got " + epsilon);
      }
    }

    @Override
    public Normalization create(Params.Builder params, String name, int width, int[] groups, Param... biases) {
      return new LayerNorm(params, name, width, groups, this, biases);
    }

    /** The tanh RNN normalises W x + U h as one vector: the seed's eq. 7.6. */
    @Override
    public boolean normalisesSum() {
      return true;
    }
  }

  private final double eps;
  private final int groups;
  private final double[] scratch = new double[NormKernels.SCRATCH];
  private double[] rstd = new double[0];  // 1 / sqrt(var + eps) per row and group
  private double[] means = new double[0]; // mean per row and group (to restore x̂)

  LayerNorm(Params.Builder params, String name, int width, int[] groups, Config c, Param[] biases) {
    super(params, name, width, groups, c.gain(), biases);
    this.eps = c.epsilon();
    this.groups = groups.length;
  }

  @Override
  protected void allocate(int steps, int batch) {
    if (rstd.length < steps * batch * groups) {
      rstd = new double[steps * batch * groups];
      means = new double[steps * batch * groups];
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
  public void forward(double[] p, double[] src, int srcOff, int srcStride, double[] dst, int dstOff,
                      int dstStride, int c0, int n, int t, int step, boolean[] valid) {
    int g0 = firstGroup(c0, n);
    double[] xh = keepsInput() ? saved : null;  // not kept: restore() recomputes it
    for (int b = 0; b < batch; b++) {
      int row = t * batch + b;
      for (int g = g0; groupStart[g] < c0 + n; g++) {
        int gs = groupStart[g];
        int m = groupStart[g + 1] - gs;
        int so = srcOff + b * srcStride + gs;
        int xo = xhatOffset(t, b) + gs;
        double mean = NormKernels.sum(NormKernels.PLAIN, src, so, null, 0, null, 0, 0.0, m, scratch) / m;
        double var = NormKernels.sum(NormKernels.SQUARED_DEVIATION, src, so, null, 0, null, 0, mean, m, scratch)
            / m;
        double r = 1.0 / Math.sqrt(var + eps);
        rstd[row * groups + g] = r;
        means[row * groups + g] = mean;
        NormKernels.layerForward(src, so, mean, r, xh, xo, p, gain.offset() + gs, biasAt(0, gs), biasAt(1, gs),
            dst, dstOff + b * dstStride + gs, m);
      }
    }
  }

  @Override
  public void restore(double[] src, int srcOff, int srcStride, int t) {
    for (int b = 0; b < batch; b++) {
      int row = t * batch + b;
      for (int g = 0; g < groups; g++) {
        int gs = groupStart[g];
        NormKernels.centreScale(src, srcOff + b * srcStride + gs, means[row * groups + g], rstd[row * groups + g],
            stepSaved, b * width + gs, groupStart[g + 1] - gs);
      }
    }
  }

  /**
   * dL/dx = r * (g - mean(g) - x̂ * mean(g * x̂)) with g = gain * dL/dy, per row and group: the
   * backward of the normalisation, which couples the values of the group.
   */
  @Override
  public void backward(double[] p, double[] grads, double[] dy, int dyOff, int dyStride, double[] out,
                       int outOff, int outStride, int c0, int n, int t, boolean[] valid) {
    int g0 = firstGroup(c0, n);
    gainBiasGradients(grads, dy, dyOff, dyStride, c0, n, t, valid);  // before out may overwrite dy or x̂
    double[] xh = xhat();
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
        NormKernels.sumProducts(dy, dyo, p, go, xh, xo, m, scratch);   // sum(g), sum(g * x̂), g = dy * gain
        NormKernels.layerInputGradient(dy, dyo, p, go, xh, xo, rstd[row * groups + g], scratch[0] / m,
            scratch[1] / m,
            out, outOff + b * outStride + gs, m);
      }
    }
  }
}
