package org.rnnlab.engine.cell;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.DetMath;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;

/**
 * Long short-term memory (seed 000, 7.5; Hochreiter and Schmidhuber 1997, with the forget gate
 * of Gers et al. 2000), in PyTorch's gate order i, f, g, o:
 * c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t). The forget-gate bias starts at
 * {@code forget_bias} (seed 000, 7.5 footnote 3; Jozefowicz et al. 2015).
 */
public final class LstmLayer extends RecurrentLayer {
  /** Spec record: {@code {"type": "lstm", "forget_bias": 1.0}}. */
  public record Config(
      @Hyper(doc = "Initial forget-gate bias (bias_ih; bias_hh's forget block starts at 0); 1 or more "
          + "keeps the gradient flowing early in training.", defaultValue = "1.0") Double forgetBias)
      implements CellConfig {
    public Config {
      forgetBias = forgetBias == null ? 1.0 : forgetBias;
    }

    @Override
    public RecurrentLayer create(Params.Builder params, int index, String suffix, int inputSize, int hiddenSize) {
      return new LstmLayer(params, index, suffix, inputSize, hiddenSize, forgetBias);
    }
  }

  private final double forgetBias;
  private double[] act = new double[0];    // rows x 4h: i, f, g, o after their nonlinearities
  private double[] tanhC = new double[0];  // rows x h

  LstmLayer(Params.Builder params, int index, String suffix, int in, int hid, double forgetBias) {
    super(params, index, suffix, in, hid, 4, 2);
    this.forgetBias = forgetBias;
  }

  @Override
  public void initialize(double[] values, Initializer weightInit, Initializer recurrentInit, Rng rng) {
    super.initialize(values, weightInit, recurrentInit, rng);
    java.util.Arrays.fill(values, bIh.offset() + hid, bIh.offset() + 2 * hid, forgetBias);
    java.util.Arrays.fill(values, bHh.offset() + hid, bHh.offset() + 2 * hid, 0.0);
  }

  @Override
  protected void allocate(int rows, int batch) {
    act = new double[rows * gh];
    tanhC = new double[rows * hid];
  }

  @Override
  protected void stepForward(int t) {
    int bh = batch * hid;
    recurrentProduct(st[0], t * bh, 0, gh);
    int a0 = t * batch * gh;
    for (int i = 0; i < batch * gh; i++) {
      act[a0 + i] = gx[a0 + i] + ghStep[i];
    }
    double[] h = st[0];
    double[] c = st[1];
    for (int b = 0; b < batch; b++) {
      int a = a0 + b * gh;
      DetMath.sigmoid(act, a, act, a, 2 * hid);
      DetMath.tanh(act, a + 2 * hid, act, a + 2 * hid, hid);
      DetMath.sigmoid(act, a + 3 * hid, act, a + 3 * hid, hid);
      int prev = t * bh + b * hid;
      int cur = prev + bh;
      for (int j = 0; j < hid; j++) {
        c[cur + j] = act[a + hid + j] * c[prev + j] + act[a + j] * act[a + 2 * hid + j];
      }
      int tc = t * bh + b * hid;
      DetMath.tanh(c, cur, tanhC, tc, hid);
      for (int j = 0; j < hid; j++) {
        h[cur + j] = act[a + 3 * hid + j] * tanhC[tc + j];
      }
    }
  }

  @Override
  protected void stepBackward(int t) {
    int bh = batch * hid;
    double[] dh = dNext[0];
    double[] dc = dNext[1];
    double[] dcPrev = dPrev[1];
    double[] c = st[1];
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * hid;
      int tc = t * bh + s;
      int prev = t * bh + s;
      for (int j = 0; j < hid; j++) {
        double i = act[a + j];
        double f = act[a + hid + j];
        double g = act[a + 2 * hid + j];
        double o = act[a + 3 * hid + j];
        double th = tanhC[tc + j];
        double dhj = dh[s + j];
        double dct = dc[s + j] + dhj * o * (1.0 - th * th);
        dgx[a + j] = dct * g * i * (1.0 - i);
        dgx[a + hid + j] = dct * c[prev + j] * f * (1.0 - f);
        dgx[a + 2 * hid + j] = dct * i * (1.0 - g * g);
        dgx[a + 3 * hid + j] = dhj * th * o * (1.0 - o);
        dcPrev[s + j] = dct * f;
      }
    }
    java.util.Arrays.fill(dPrev[0], 0, bh, 0.0);
  }
}
