package org.rnnlab.engine.cell;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.DetMath;
import org.rnnlab.engine.Gemm;
import org.rnnlab.engine.Params;

/**
 * Gated recurrent unit (seed 000, 7.6; Cho et al. 2014) in PyTorch's gate order r, z, n and
 * h_t = (1 - z) * n + z * h_{t-1}, in either formulation of the candidate n:
 * <ul>
 *   <li>{@code reset_after = false}, as in the seed and Cho et al.: the reset gate scales h
 *       before the recurrent product, n = tanh(W_in x + b_in + W_hn (r * h) + b_hn);</li>
 *   <li>{@code reset_after = true}, as in PyTorch and cuDNN: after it,
 *       n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).</li>
 * </ul>
 */
public final class GruLayer extends RecurrentLayer {
  /** Spec record: {@code {"type": "gru", "reset_after": true}}. */
  public record Config(
      @Hyper(doc = "Apply the reset gate after the recurrent product (PyTorch, cuDNN) rather than "
          + "before it (Cho et al. 2014, seed 7.6).", defaultValue = "true") Boolean resetAfter)
      implements CellConfig {
    public Config {
      resetAfter = resetAfter == null || resetAfter;
    }

    @Override
    public RecurrentLayer create(Params.Builder params, int index, String suffix, int inputSize, int hiddenSize) {
      return new GruLayer(params, index, suffix, inputSize, hiddenSize, resetAfter);
    }
  }

  private final boolean resetAfter;
  private double[] act = new double[0];  // rows x 3h: r, z, n after their nonlinearities
  private double[] ghN = new double[0];  // rows x h: W_hn h + b_hn (reset after)
  private double[] rh = new double[0];   // rows x h: r * h_{t-1} (reset before)
  private double[] drh = new double[0];  // batch x h scratch: dL/d(r * h_{t-1})

  GruLayer(Params.Builder params, int index, String suffix, int in, int hid, boolean resetAfter) {
    super(params, index, suffix, in, hid, 3, 1);
    this.resetAfter = resetAfter;
  }

  @Override
  protected boolean separateRecurrentGrad() {
    return resetAfter;
  }

  @Override
  protected void allocate(int rows, int batch) {
    act = new double[rows * gh];
    if (resetAfter) {
      ghN = new double[rows * hid];
    } else {
      rh = new double[rows * hid];
      drh = new double[rows * hid];
    }
  }

  @Override
  protected void stepForward(int t) {
    int bh = batch * hid;
    double[] h = st[0];
    recurrentProduct(h, t * bh, 0, resetAfter ? gh : 2 * hid);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * gh;
      for (int j = 0; j < 2 * hid; j++) {
        act[a + j] = gx[a + j] + ghStep[s + j];
      }
      DetMath.sigmoid(act, a, act, a, 2 * hid);
    }
    if (resetAfter) {
      for (int b = 0; b < batch; b++) {
        int a = (t * batch + b) * gh;
        int s = b * gh + 2 * hid;
        int q = t * bh + b * hid;
        for (int j = 0; j < hid; j++) {
          ghN[q + j] = ghStep[s + j];
          act[a + 2 * hid + j] = gx[a + 2 * hid + j] + act[a + j] * ghStep[s + j];
        }
      }
    } else {
      for (int b = 0; b < batch; b++) {
        int a = (t * batch + b) * gh;
        int q = t * bh + b * hid;
        for (int j = 0; j < hid; j++) {
          rh[q + j] = act[a + j] * h[q + j];
        }
      }
      recurrentProduct(rh, t * bh, 2 * hid, hid);
      for (int b = 0; b < batch; b++) {
        int a = (t * batch + b) * gh;
        int s = b * gh + 2 * hid;
        for (int j = 0; j < hid; j++) {
          act[a + 2 * hid + j] = gx[a + 2 * hid + j] + ghStep[s + j];
        }
      }
    }
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      DetMath.tanh(act, a + 2 * hid, act, a + 2 * hid, hid);
      int prev = t * bh + b * hid;
      int cur = prev + bh;
      for (int j = 0; j < hid; j++) {
        double n = act[a + 2 * hid + j];
        h[cur + j] = n + act[a + hid + j] * (h[prev + j] - n);
      }
    }
  }

  @Override
  protected void stepBackward(int t) {
    int bh = batch * hid;
    double[] dh = dNext[0];
    double[] dhPrev = dPrev[0];
    double[] h = st[0];
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * hid;
      int prev = t * bh + s;
      for (int j = 0; j < hid; j++) {
        double z = act[a + hid + j];
        double n = act[a + 2 * hid + j];
        double d = dh[s + j];
        double dpn = d * (1.0 - z) * (1.0 - n * n);
        dgx[a + hid + j] = d * (h[prev + j] - n) * z * (1.0 - z);
        dgx[a + 2 * hid + j] = dpn;
        dhPrev[s + j] = d * z;
        if (resetAfter) {
          double r = act[a + j];
          dgh[a + 2 * hid + j] = dpn * r;
          dgx[a + j] = dpn * ghN[prev + j] * r * (1.0 - r);
        }
      }
    }
    if (resetAfter) {
      for (int b = 0; b < batch; b++) {
        int a = (t * batch + b) * gh;
        System.arraycopy(dgx, a, dgh, a, 2 * hid);
      }
      return;
    }
    // reset before the product: dL/d(r*h) = dpn * W_hn, then split into r and h_{t-1}
    Gemm.mult(batch, hid, hid, dgx, t * batch * gh + 2 * hid, gh, 1, p, wHh.offset() + 2 * hid * hid, hid,
        drh, 0, hid, false);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * hid;
      int prev = t * bh + s;
      for (int j = 0; j < hid; j++) {
        double r = act[a + j];
        dgx[a + j] = drh[s + j] * h[prev + j] * r * (1.0 - r);
        dhPrev[s + j] += drh[s + j] * r;
      }
    }
  }

  @Override
  protected void recurrentBackward(int t) {
    recurrentBackProduct(t, 0, resetAfter ? gh : 2 * hid, dPrev[0]);
  }

  @Override
  protected void recurrentWeightGradient(double[] grads) {
    if (resetAfter) {
      super.recurrentWeightGradient(grads);
      return;
    }
    int rows = steps * batch;
    Gemm.mult(2 * hid, hid, rows, dgh, 0, 1, gh, st[0], 0, hid, grads, wHh.offset(), hid, true);
    Gemm.mult(hid, hid, rows, dgh, 2 * hid, 1, gh, rh, 0, hid, grads, wHh.offset() + 2 * hid * hid, hid, true);
  }
}
