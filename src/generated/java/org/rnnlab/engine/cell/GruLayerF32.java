// Generated from src/main/java/org/rnnlab/engine/cell/GruLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change GruLayer.java and run `make generate`.
package org.rnnlab.engine.cell;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.GemmF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.norm.NormConfigF32;

/**
 * Gated recurrent unit (seed 000, 7.6; Cho et al. 2014) in PyTorch's gate order r, z, n and
 * h_t = (1 - z) * n + z * h_{t-1}, in either formulation of the candidate n:
 * <ul>
 *   <li>{@code reset_after = false}, as in the seed and Cho et al.: the reset gate scales h
 *       before the recurrent product, n = tanh(W_in x + b_in + W_hn (r * h) + b_hn);</li>
 *   <li>{@code reset_after = true}, as in PyTorch and cuDNN: after it,
 *       n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).</li>
 * </ul>
 * Normalised (docs/normalisation.md), W x and W h are each normalised before their biases, the
 * gates r, z as one vector and the candidate's n on its own (as in ryankiros/layer-norm's
 * LN-GRU): n = tanh(N(W_in x) + b_in + r * (N(W_hn h) + b_hn)) resetting after, and
 * n = tanh(N(W_in x) + b_in + N(W_hn (r * h)) + b_hn) before.
 */
public final class GruLayerF32 extends RecurrentLayerF32 {
  /** Spec record: {@code {"type": "gru", "reset_after": true, "norm": {"type": "layer"}}}. */
  public record Config(
      @Hyper(doc = "Apply the reset gate after the recurrent product (PyTorch, cuDNN) rather than "
          + "before it (Cho et al. 2014, seed 7.6).", defaultValue = "true") Boolean resetAfter,
      @OptionalKey @Hyper(doc = ElmanLayerF32.NORM_DOC) NormConfigF32 norm)
      implements CellConfigF32 {
    /** The un-normalised cell. */
    public Config(Boolean resetAfter) {
      this(resetAfter, null);
    }

    public Config {
      resetAfter = resetAfter == null || resetAfter;
    }

    @Override
    public RecurrentLayerF32 create(ParamsF32.Builder params, int index, String suffix, int inputSize, int hiddenSize) {
      return new GruLayerF32(params, index, suffix, inputSize, hiddenSize, resetAfter, norm);
    }
  }

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private final boolean resetAfter;
  private float[] act = new float[0];  // rows x 3h: r, z, n after their nonlinearities (in gx)
  private float[] ghN = new float[0];  // rows x h: W_hn h + b_hn (reset after)
  private float[] rh = new float[0];   // rows x h: r * h_{t-1} (reset before)
  private float[] drh = new float[0];  // batch x h scratch: dL/d(r * h_{t-1})

  GruLayerF32(ParamsF32.Builder params, int index, String suffix, int in, int hid, boolean resetAfter, NormConfigF32 norm) {
    super(params, index, suffix, in, hid, 3, 1, norm, new int[] {2 * hid, hid}, false);
    this.resetAfter = resetAfter;
  }

  @Override
  protected boolean separateRecurrentGrad() {
    return resetAfter;
  }

  /** Each element of act is read only before its dgx is written (backAfter, backBefore, r's part). */
  @Override
  protected boolean gradientInPlace() {
    return true;
  }

  @Override
  protected void allocate(int rows, int batch) {
    act = gx;
    if (resetAfter) {
      ghN = new float[rows * hid];
    } else {
      rh = new float[rows * hid];
      drh = new float[rows * hid];
    }
  }

  @Override
  protected void stepForward(int t) {
    int bh = batch * hid;
    float[] h = st[0];
    recurrentProduct(h, t * bh, 0, resetAfter ? gh : 2 * hid);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      DetMathF32.sigmoidOfSum(gx, a, ghStep, b * gh, act, a, 2 * hid);
    }
    if (resetAfter) {
      for (int b = 0; b < batch; b++) {
        int a = (t * batch + b) * gh;
        candidateAfter(a, b * gh + 2 * hid, t * bh + b * hid);
        DetMathF32.tanh(act, a + 2 * hid, act, a + 2 * hid, hid);
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
        DetMathF32.tanhOfSum(gx, a + 2 * hid, ghStep, b * gh + 2 * hid, act, a + 2 * hid, hid);
      }
    }
    for (int b = 0; b < batch; b++) {
      int prev = t * bh + b * hid;
      update((t * batch + b) * gh, prev, prev + bh);
    }
  }

  /** ghN = W_hn h + b_hn; pre-activation of n = gx_n + r * ghN (reset after), for one row. */
  private void candidateAfter(int a, int s, int q) {
    int j = 0;
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector g = FloatVector.fromArray(S, ghStep, s + j);
      g.intoArray(ghN, q + j);
      FloatVector.fromArray(S, gx, a + 2 * hid + j).add(FloatVector.fromArray(S, act, a + j).mul(g))
          .intoArray(act, a + 2 * hid + j);
    }
    for (; j < hid; j++) {
      ghN[q + j] = ghStep[s + j];
      act[a + 2 * hid + j] = gx[a + 2 * hid + j] + act[a + j] * ghStep[s + j];
    }
  }

  /** h_t = n + z * (h_{t-1} - n) for one row. */
  private void update(int a, int prev, int cur) {
    float[] h = st[0];
    int j = 0;
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector n = FloatVector.fromArray(S, act, a + 2 * hid + j);
      FloatVector z = FloatVector.fromArray(S, act, a + hid + j);
      n.add(z.mul(FloatVector.fromArray(S, h, prev + j).sub(n))).intoArray(h, cur + j);
    }
    for (; j < hid; j++) {
      float n = act[a + 2 * hid + j];
      h[cur + j] = n + act[a + hid + j] * (h[prev + j] - n);
    }
  }

  @Override
  protected void stepBackward(int t) {
    int bh = batch * hid;
    float[] dh = dNext[0];
    float[] dhPrev = dPrev[0];
    float[] h = st[0];
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * hid;
      int prev = t * bh + s;
      if (resetAfter) {
        backAfter(dh, dhPrev, h, a, s, prev);
      } else {
        backBefore(dh, dhPrev, h, a, s, prev);
      }
    }
    if (resetAfter) {
      for (int b = 0; b < batch; b++) {
        int a = (t * batch + b) * gh;
        System.arraycopy(dgx, a, dgh, a, 2 * hid);
      }
      return;
    }
    // reset before the product: dL/d(r*h) = dL/d(W_hn (r*h)) * W_hn, then split into r and h_{t-1}
    recurrentRowsProduct(recurrentGrad(t, 2 * hid, hid), t * batch * gh + 2 * hid, 2 * hid, hid, drh, false);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * hid;
      int prev = t * bh + s;
      for (int j = 0; j < hid; j++) {
        float r = act[a + j];
        dgx[a + j] = drh[s + j] * h[prev + j] * r * (1.0f - r);
        dhPrev[s + j] += drh[s + j] * r;
      }
    }
  }

  /** The pointwise backward step of one row, reset after the product. */
  private void backAfter(float[] dh, float[] dhPrev, float[] h, int a, int s, int prev) {
    int j = 0;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector z = FloatVector.fromArray(S, act, a + hid + j);
      FloatVector n = FloatVector.fromArray(S, act, a + 2 * hid + j);
      FloatVector d = FloatVector.fromArray(S, dh, s + j);
      FloatVector r = FloatVector.fromArray(S, act, a + j);
      FloatVector dpn = d.mul(one.sub(z)).mul(one.sub(n.mul(n)));
      d.mul(FloatVector.fromArray(S, h, prev + j).sub(n)).mul(z).mul(one.sub(z)).intoArray(dgx, a + hid + j);
      dpn.intoArray(dgx, a + 2 * hid + j);
      d.mul(z).intoArray(dhPrev, s + j);
      dpn.mul(r).intoArray(dgh, a + 2 * hid + j);
      dpn.mul(FloatVector.fromArray(S, ghN, prev + j)).mul(r).mul(one.sub(r)).intoArray(dgx, a + j);
    }
    for (; j < hid; j++) {
      float z = act[a + hid + j];
      float n = act[a + 2 * hid + j];
      float d = dh[s + j];
      float dpn = d * (1.0f - z) * (1.0f - n * n);
      dgx[a + hid + j] = d * (h[prev + j] - n) * z * (1.0f - z);
      dgx[a + 2 * hid + j] = dpn;
      dhPrev[s + j] = d * z;
      float r = act[a + j];
      dgh[a + 2 * hid + j] = dpn * r;
      dgx[a + j] = dpn * ghN[prev + j] * r * (1.0f - r);
    }
  }

  /** The pointwise backward step of one row, reset before the product (r's part comes later). */
  private void backBefore(float[] dh, float[] dhPrev, float[] h, int a, int s, int prev) {
    int j = 0;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector z = FloatVector.fromArray(S, act, a + hid + j);
      FloatVector n = FloatVector.fromArray(S, act, a + 2 * hid + j);
      FloatVector d = FloatVector.fromArray(S, dh, s + j);
      d.mul(one.sub(z)).mul(one.sub(n.mul(n))).intoArray(dgx, a + 2 * hid + j);
      d.mul(FloatVector.fromArray(S, h, prev + j).sub(n)).mul(z).mul(one.sub(z)).intoArray(dgx, a + hid + j);
      d.mul(z).intoArray(dhPrev, s + j);
    }
    for (; j < hid; j++) {
      float z = act[a + hid + j];
      float n = act[a + 2 * hid + j];
      float d = dh[s + j];
      dgx[a + hid + j] = d * (h[prev + j] - n) * z * (1.0f - z);
      dgx[a + 2 * hid + j] = d * (1.0f - z) * (1.0f - n * n);
      dhPrev[s + j] = d * z;
    }
  }

  @Override
  protected void recurrentBackward(int t) {
    recurrentBackProduct(t, 0, resetAfter ? gh : 2 * hid, dPrev[0]);
  }

  @Override
  protected void recurrentWeightGradient(float[] grads) {
    if (resetAfter) {
      super.recurrentWeightGradient(grads);
      return;
    }
    int rows = steps * batch;
    GemmF32.mult(2 * hid, hid, rows, dgh, 0, 1, gh, st[0], 0, hid, grads, wHh.offset(), hid, true);
    GemmF32.mult(hid, hid, rows, dgh, 2 * hid, 1, gh, rh, 0, hid, grads, wHh.offset() + 2 * hid * hid, hid, true);
  }
}
