// Generated from src/main/java/org/rnnlab/engine/cell/ElmanLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change ElmanLayer.java and run `make generate`.
package org.rnnlab.engine.cell;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.norm.NormConfigF32;

/**
 * The Elman ("vanilla") RNN, h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) (seed 000, 7.2,
 * eq. 7.1; PyTorch nn.RNN), with tanh, or relu for the identity-initialised IRNN
 * (Le, Jaitly and Hinton 2015). With layer norm, h_t = act(gain * LN(W_ih x_t + W_hh h_{t-1})
 * + b_ih + b_hh) (seed 000, 7.3.1, eq. 7.6); with batch norm each projection is normalised on
 * its own (Cooijmans et al. 2017, eq. 6, applied to the one-gate cell).
 */
public final class ElmanLayerF32 extends RecurrentLayerF32 {
  /** Spec record: {@code {"type": "elman", "nonlinearity": "tanh", "norm": {"type": "layer"}}}. */
  public record Config(
      @Hyper(doc = "Activation of the hidden state: tanh, or relu for the IRNN.", allowed = {"tanh", "relu"},
          defaultValue = "\"tanh\"") String nonlinearity,
      @OptionalKey @Hyper(doc = NORM_DOC) NormConfigF32 norm) implements CellConfigF32 {
    /** The un-normalised cell. */
    public Config(String nonlinearity) {
      this(nonlinearity, null);
    }

    public Config {
      nonlinearity = nonlinearity == null ? "tanh" : nonlinearity;
      if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
        throw new IllegalArgumentException("nonlinearity must be tanh or relu, got " + nonlinearity);
      }
    }

    @Override
    public RecurrentLayerF32 create(ParamsF32.Builder params, int index, String suffix, int inputSize, int hiddenSize) {
      return new ElmanLayerF32(params, index, suffix, inputSize, hiddenSize, nonlinearity.equals("relu"), norm);
    }
  }

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private final boolean relu;

  /** The spec documentation of every cell's {@code norm} key. */
  static final String NORM_DOC = "Normalisation of the input and recurrent projections (for the LSTM also of "
      + "the cell state before its tanh): {\"type\": \"layer\"} or {\"type\": \"batch\", \"max_steps\": T}; "
      + "absent: none. The cell's biases are then the normalisation's shift and start at 0 (the LSTM's "
      + "forget bias still at forget_bias). See docs/normalisation.md.";

  ElmanLayerF32(ParamsF32.Builder params, int index, String suffix, int in, int hid, boolean relu, NormConfigF32 norm) {
    super(params, index, suffix, in, hid, 1, 1, norm, new int[] {hid}, norm != null && norm.normalisesSum());
    this.relu = relu;
  }

  @Override
  protected void allocate(int rows, int batch) {}

  @Override
  protected void stepForward(int t) {
    int bh = batch * hid;
    recurrentProduct(st[0], t * bh, 0, hid);
    float[] h = st[0];
    int o = (t + 1) * bh;
    int g = t * bh;
    if (relu) {
      for (int i = 0; i < bh; i++) {
        h[o + i] = Math.max(0.0f, gx[g + i] + ghStep[i]);
      }
    } else {
      DetMathF32.tanhOfSum(gx, g, ghStep, 0, h, o, bh);
    }
  }

  @Override
  protected void stepBackward(int t) {
    int bh = batch * hid;
    float[] dh = dNext[0];
    float[] h = st[0];
    int o = (t + 1) * bh;
    int g = t * bh;
    if (relu) {
      for (int i = 0; i < bh; i++) {
        dgx[g + i] = h[o + i] > 0.0f ? dh[i] : 0.0f;
      }
    } else {
      int i = 0;
      FloatVector one = FloatVector.broadcast(S, 1.0f);
      for (int vb = S.loopBound(bh); i < vb; i += S.length()) {
        FloatVector y = FloatVector.fromArray(S, h, o + i);
        FloatVector.fromArray(S, dh, i).mul(one.sub(y.mul(y))).intoArray(dgx, g + i);
      }
      for (; i < bh; i++) {
        float y = h[o + i];
        dgx[g + i] = dh[i] * (1.0f - y * y);
      }
    }
    java.util.Arrays.fill(dPrev[0], 0, bh, 0.0f);
  }
}
