// Generated from src/main/java/org/rnnlab/engine/cell/LstmLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change LstmLayer.java and run `make generate`.
package org.rnnlab.engine.cell;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.norm.NormConfigF32;
import org.rnnlab.engine.norm.NormalizationF32;

/**
 * Long short-term memory (seed 000, 7.5; Hochreiter and Schmidhuber 1997, with the forget gate
 * of Gers et al. 2000), in PyTorch's gate order i, f, g, o:
 * c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t). The forget-gate bias starts at
 * {@code forget_bias} (seed 000, 7.5 footnote 3; Jozefowicz et al. 2015).
 *
 * <p>Normalised (docs/normalisation.md): the gates' pre-activations are
 * N(W_ih x_t) + b_ih + N(W_hh h_{t-1}) + b_hh, each projection's four gates normalised as one
 * vector by layer norm (Ba et al. 2016, ryankiros/layer-norm), and h_t = o * tanh(N(c_t)); the
 * cell update c_t = f * c_{t-1} + i * g itself is not normalised, and c_t, not N(c_t), is carried
 * to the next step (Cooijmans et al. 2017, eq. 8; Ba et al.).
 */
public final class LstmLayerF32 extends RecurrentLayerF32 {
  /** Spec record: {@code {"type": "lstm", "forget_bias": 1.0, "norm": {"type": "layer"}}}. */
  public record Config(
      @Hyper(doc = "Initial forget-gate bias (bias_ih; bias_hh's forget block starts at 0); 1 or more "
          + "keeps the gradient flowing early in training.", defaultValue = "1.0") Float forgetBias,
      @OptionalKey @Hyper(doc = ElmanLayerF32.NORM_DOC) NormConfigF32 norm)
      implements CellConfigF32 {
    /** The un-normalised cell. */
    public Config(Float forgetBias) {
      this(forgetBias, null);
    }

    public Config {
      forgetBias = forgetBias == null ? 1.0f : forgetBias;
    }

    @Override
    public RecurrentLayerF32 create(ParamsF32.Builder params, int index, String suffix, int inputSize, int hiddenSize) {
      return new LstmLayerF32(params, index, suffix, inputSize, hiddenSize, forgetBias, norm);
    }
  }

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private final float forgetBias;
  private float[] act = new float[0];    // rows x 4h: i, f, g, o after their nonlinearities (in gx)
  private float[] tanhC = new float[0];  // rows x h: tanh(c_t), or tanh(N(c_t)) normalised
  private final NormalizationF32 cellNorm;    // on c_t before its tanh (null: none)
  private float[] dcn = new float[0];    // batch x h: dL/dN(c_t), then dL/dc_t through N

  LstmLayerF32(ParamsF32.Builder params, int index, String suffix, int in, int hid, float forgetBias, NormConfigF32 norm) {
    super(params, index, suffix, in, hid, 4, 2, norm, new int[] {4 * hid}, false);
    this.forgetBias = forgetBias;
    this.cellNorm = norm == null ? null
        : declareNorm(params, norm, "norm_c_l" + index + suffix, hid, new int[] {hid});
    if (cellNorm != null) {
      cellNorm.recomputeInput();  // c_t stays in st[1]: its x̂ is restored in the backward step
    }
  }

  @Override
  public void initialize(float[] values, Initializer weightInit, Initializer recurrentInit, Rng rng) {
    super.initialize(values, weightInit, recurrentInit, rng);
    java.util.Arrays.fill(values, bIh.offset() + hid, bIh.offset() + 2 * hid, forgetBias);
    java.util.Arrays.fill(values, bHh.offset() + hid, bHh.offset() + 2 * hid, 0.0f);
  }

  /** Each element of act is read only before its dgx is written: see {@link #stepBackward}. */
  @Override
  protected boolean gradientInPlace() {
    return true;
  }

  @Override
  protected void allocate(int rows, int batch) {
    act = gx;
    tanhC = new float[rows * hid];
  }

  @Override
  protected void stepForward(int t) {
    int bh = batch * hid;
    recurrentProduct(st[0], t * bh, 0, gh);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;   // this row of gx and act
      int s = b * gh;                 // this row of ghStep
      DetMathF32.sigmoidOfSum(gx, a, ghStep, s, act, a, 2 * hid);
      DetMathF32.tanhOfSum(gx, a + 2 * hid, ghStep, s + 2 * hid, act, a + 2 * hid, hid);
      DetMathF32.sigmoidOfSum(gx, a + 3 * hid, ghStep, s + 3 * hid, act, a + 3 * hid, hid);
      int prev = t * bh + b * hid;
      cellUpdate(a, prev, prev + bh);
      if (cellNorm == null) {
        DetMathF32.tanh(st[1], prev + bh, tanhC, prev, hid);
        outputGate(a, prev, prev + bh);
      }
    }
    if (cellNorm != null) {
      // h_t = o * tanh(N(c_t)): N over the whole batch of the step first (batch norm needs it)
      cellNorm.forward(p, st[1], (t + 1) * bh, hid, tanhC, t * bh, hid, 0, hid, t, t + lenShift, validRows);
      for (int b = 0; b < batch; b++) {
        int prev = t * bh + b * hid;
        DetMathF32.tanh(tanhC, prev, tanhC, prev, hid);
        outputGate((t * batch + b) * gh, prev, prev + bh);
      }
    }
  }

  /** c_t = f * c_{t-1} + i * g for one row. */
  private void cellUpdate(int a, int prev, int cur) {
    float[] c = st[1];
    int j = 0;
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector i = FloatVector.fromArray(S, act, a + j);
      FloatVector f = FloatVector.fromArray(S, act, a + hid + j);
      FloatVector g = FloatVector.fromArray(S, act, a + 2 * hid + j);
      f.mul(FloatVector.fromArray(S, c, prev + j)).add(i.mul(g)).intoArray(c, cur + j);
    }
    for (; j < hid; j++) {
      c[cur + j] = act[a + hid + j] * c[prev + j] + act[a + j] * act[a + 2 * hid + j];
    }
  }

  /** h_t = o * tanh(c_t) for one row. */
  private void outputGate(int a, int tc, int cur) {
    float[] h = st[0];
    int j = 0;
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector.fromArray(S, act, a + 3 * hid + j).mul(FloatVector.fromArray(S, tanhC, tc + j)).intoArray(h, cur + j);
    }
    for (; j < hid; j++) {
      h[cur + j] = act[a + 3 * hid + j] * tanhC[tc + j];
    }
  }

  /** Writes dgx over act (the same buffer), each element after its last read. */
  @Override
  protected void stepBackward(int t) {
    if (cellNorm != null) {
      stepBackwardNormalised(t);
      return;
    }
    int bh = batch * hid;
    float[] dh = dNext[0];
    float[] dc = dNext[1];
    float[] dcPrev = dPrev[1];
    float[] c = st[1];
    int vb = S.loopBound(hid);
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh;
      int s = b * hid;
      int prev = t * bh + s;   // c_{t-1} and tanh(c_t) of this row
      int j = 0;
      for (; j < vb; j += V) {
        FloatVector i = FloatVector.fromArray(S, act, a + j);
        FloatVector f = FloatVector.fromArray(S, act, a + hid + j);
        FloatVector g = FloatVector.fromArray(S, act, a + 2 * hid + j);
        FloatVector o = FloatVector.fromArray(S, act, a + 3 * hid + j);
        FloatVector th = FloatVector.fromArray(S, tanhC, prev + j);
        FloatVector dhj = FloatVector.fromArray(S, dh, s + j);
        FloatVector dct = FloatVector.fromArray(S, dc, s + j).add(dhj.mul(o).mul(one.sub(th.mul(th))));
        dct.mul(g).mul(i).mul(one.sub(i)).intoArray(dgx, a + j);
        dct.mul(FloatVector.fromArray(S, c, prev + j)).mul(f).mul(one.sub(f)).intoArray(dgx, a + hid + j);
        dct.mul(i).mul(one.sub(g.mul(g))).intoArray(dgx, a + 2 * hid + j);
        dhj.mul(th).mul(o).mul(one.sub(o)).intoArray(dgx, a + 3 * hid + j);
        dct.mul(f).intoArray(dcPrev, s + j);
      }
      for (; j < hid; j++) {
        float i = act[a + j];
        float f = act[a + hid + j];
        float g = act[a + 2 * hid + j];
        float o = act[a + 3 * hid + j];
        float th = tanhC[prev + j];
        float dhj = dh[s + j];
        float dct = dc[s + j] + dhj * o * (1.0f - th * th);
        dgx[a + j] = dct * g * i * (1.0f - i);
        dgx[a + hid + j] = dct * c[prev + j] * f * (1.0f - f);
        dgx[a + 2 * hid + j] = dct * i * (1.0f - g * g);
        dgx[a + 3 * hid + j] = dhj * th * o * (1.0f - o);
        dcPrev[s + j] = dct * f;
      }
    }
    java.util.Arrays.fill(dPrev[0], 0, bh, 0.0f);
  }

  /**
   * The backward step with the cell-state site: first dL/dN(c_t) = dh * o * (1 - tanh^2) for the
   * batch (and o's gradient), then through N's backward to dL/dc_t, then the other gates.
   */
  private void stepBackwardNormalised(int t) {
    int bh = batch * hid;
    if (dcn.length < bh) {
      dcn = new float[bh];
    }
    float[] dh = dNext[0];
    int vb = S.loopBound(hid);
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int b = 0; b < batch; b++) {
      int a = (t * batch + b) * gh + 3 * hid;
      int s = b * hid;
      int prev = t * bh + s;
      int j = 0;
      for (; j < vb; j += V) {
        FloatVector o = FloatVector.fromArray(S, act, a + j);
        FloatVector th = FloatVector.fromArray(S, tanhC, prev + j);
        FloatVector dhj = FloatVector.fromArray(S, dh, s + j);
        dhj.mul(o).mul(one.sub(th.mul(th))).intoArray(dcn, s + j);
        dhj.mul(th).mul(o).mul(one.sub(o)).intoArray(dgx, a + j);
      }
      for (; j < hid; j++) {
        float o = act[a + j];
        float th = tanhC[prev + j];
        float dhj = dh[s + j];
        dcn[s + j] = dhj * o * (1.0f - th * th);
        dgx[a + j] = dhj * th * o * (1.0f - o);
      }
    }
    cellNorm.restore(st[1], (t + 1) * bh, hid, t);
    cellNorm.backward(p, grads, dcn, 0, hid, dcn, 0, hid, 0, hid, t, validRows);
    for (int b = 0; b < batch; b++) {
      gateGradients((t * batch + b) * gh, b * hid, t * bh + b * hid);
    }
    java.util.Arrays.fill(dPrev[0], 0, bh, 0.0f);
  }

  /** dL/d(i, f, g pre-activations) and dL/dc_{t-1} of one row from dL/dc_t = dc + dcn. */
  private void gateGradients(int a, int s, int prev) {
    float[] dc = dNext[1];
    float[] dcPrev = dPrev[1];
    float[] c = st[1];
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    int j = 0;
    for (int vb = S.loopBound(hid); j < vb; j += V) {
      FloatVector i = FloatVector.fromArray(S, act, a + j);
      FloatVector f = FloatVector.fromArray(S, act, a + hid + j);
      FloatVector g = FloatVector.fromArray(S, act, a + 2 * hid + j);
      FloatVector dct = FloatVector.fromArray(S, dc, s + j).add(FloatVector.fromArray(S, dcn, s + j));
      dct.mul(g).mul(i).mul(one.sub(i)).intoArray(dgx, a + j);
      dct.mul(FloatVector.fromArray(S, c, prev + j)).mul(f).mul(one.sub(f)).intoArray(dgx, a + hid + j);
      dct.mul(i).mul(one.sub(g.mul(g))).intoArray(dgx, a + 2 * hid + j);
      dct.mul(f).intoArray(dcPrev, s + j);
    }
    for (; j < hid; j++) {
      float i = act[a + j];
      float f = act[a + hid + j];
      float g = act[a + 2 * hid + j];
      float dct = dc[s + j] + dcn[s + j];
      dgx[a + j] = dct * g * i * (1.0f - i);
      dgx[a + hid + j] = dct * c[prev + j] * f * (1.0f - f);
      dgx[a + 2 * hid + j] = dct * i * (1.0f - g * g);
      dcPrev[s + j] = dct * f;
    }
  }
}
