package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rnnlab.engine.ParityModels.B;
import static org.rnnlab.engine.ParityModels.HID;
import static org.rnnlab.engine.ParityModels.IN;
import static org.rnnlab.engine.ParityModels.OUT;
import static org.rnnlab.engine.ParityModels.T;
import static org.rnnlab.engine.ParityModels.model;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.ParityModels.Kind;
import org.rnnlab.engine.layer.BidirectionalLayer.Merge;

/**
 * The engine's forward pass against an independent, deliberately naive implementation of the
 * PyTorch equations (torch.nn.RNN / LSTM / GRU, and the Cho et al. GRU of seed 7.6), written
 * with plain loops and StrictMath, reading the parameters by their PyTorch names: stacked,
 * unidirectional and bidirectional (concatenated or summed; each sequence reversed within its
 * own length), both readouts, full and ragged lengths. If this
 * passes, a state_dict exported from PyTorch and loaded by name gives PyTorch's outputs.
 */
class ReferenceParityTest {
  static final int[] LENGTHS = {7, 3, 1, 5};

  static Batch batch(ReadoutMode mode, int[] lengths, long seed) {
    Rng r = Rng.of(seed).child("x");
    double[] x = new double[T * B * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] targets = new double[(mode == ReadoutMode.EVERY_STEP ? T : 1) * B * OUT];
    return new Batch(T, B, IN, x, lengths.clone(), targets, null, null);
  }

  // ---------------------------------------------------------------- the naive reference

  /** Parameter `name` as a matrix [rows][cols] (biases: one row). */
  static double[][] mat(Params ps, String name) {
    Param p = ps.get(name);
    double[][] m = new double[p.rows()][p.cols()];
    for (int r = 0; r < p.rows(); r++) {
      for (int c = 0; c < p.cols(); c++) {
        m[r][c] = ps.values()[p.offset() + r * p.cols() + c];
      }
    }
    return m;
  }

  static double[] vec(Params ps, String name) {
    double[][] m = mat(ps, name);
    assertEquals(1, m.length);
    return m[0];
  }

  static double sig(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  /** sum_c W[row0 + j][c] * v[c]  for j in 0..n-1 (the gate block starting at row0). */
  static double[] matvec(double[][] w, int row0, int n, double[] v) {
    double[] y = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0.0;
      for (int c = 0; c < v.length; c++) {
        s += w[row0 + j][c] * v[c];
      }
      y[j] = s;
    }
    return y;
  }

  /** One step of the cell from (h, c) on x: {h', c'} (PyTorch's equations; c is unused but by the LSTM). */
  static double[][] naiveStep(Kind kind, double[][] wih, double[][] whh, double[] bih, double[] bhh, double[] x,
                              double[] h, double[] c) {
    int n = HID;
    double[] hNew = new double[n];
    switch (kind) {
      case ELMAN_TANH, ELMAN_RELU -> {
        double[] a = matvec(wih, 0, n, x);
        double[] r = matvec(whh, 0, n, h);
        for (int j = 0; j < n; j++) {
          double pre = a[j] + bih[j] + r[j] + bhh[j];
          hNew[j] = kind == Kind.ELMAN_TANH ? StrictMath.tanh(pre) : Math.max(0.0, pre);
        }
      }
      case LSTM -> {
        // PyTorch gate order i, f, g, o
        double[] cNew = new double[n];
        for (int j = 0; j < n; j++) {
          double[] pre = new double[4];
          for (int g = 0; g < 4; g++) {
            pre[g] = matvec(wih, g * n, n, x)[j] + bih[g * n + j]
                + matvec(whh, g * n, n, h)[j] + bhh[g * n + j];
          }
          double ig = sig(pre[0]);
          double fg = sig(pre[1]);
          double gg = StrictMath.tanh(pre[2]);
          double og = sig(pre[3]);
          cNew[j] = fg * c[j] + ig * gg;
          hNew[j] = og * StrictMath.tanh(cNew[j]);
        }
        return new double[][] {hNew, cNew};
      }
      case GRU_RESET_AFTER, GRU_RESET_BEFORE -> {
        // PyTorch gate order r, z, n
        double[] xr = matvec(wih, 0, n, x);
        double[] xz = matvec(wih, n, n, x);
        double[] xn = matvec(wih, 2 * n, n, x);
        double[] hr = matvec(whh, 0, n, h);
        double[] hz = matvec(whh, n, n, h);
        double[] r = new double[n];
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
          r[j] = sig(xr[j] + bih[j] + hr[j] + bhh[j]);
          z[j] = sig(xz[j] + bih[n + j] + hz[j] + bhh[n + j]);
        }
        double[] cand = new double[n];
        if (kind == Kind.GRU_RESET_AFTER) {
          // n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
          double[] hn = matvec(whh, 2 * n, n, h);
          for (int j = 0; j < n; j++) {
            cand[j] = StrictMath.tanh(xn[j] + bih[2 * n + j] + r[j] * (hn[j] + bhh[2 * n + j]));
          }
        } else {
          // n = tanh(W_in x + b_in + W_hn (r * h) + b_hn)
          double[] rh = new double[n];
          for (int j = 0; j < n; j++) {
            rh[j] = r[j] * h[j];
          }
          double[] hn = matvec(whh, 2 * n, n, rh);
          for (int j = 0; j < n; j++) {
            cand[j] = StrictMath.tanh(xn[j] + bih[2 * n + j] + hn[j] + bhh[2 * n + j]);
          }
        }
        for (int j = 0; j < n; j++) {
          hNew[j] = (1.0 - z[j]) * cand[j] + z[j] * h[j];
        }
      }
      default -> throw new AssertionError();
    }
    return new double[][] {hNew, c};
  }

  /**
   * One direction of layer {@code layer} ("l0", "l1_reverse", ...), [t][b][HID]: the forward
   * direction reads x_1..x_len of each sequence, the reverse one x_len..x_1 (seed 7.2.3); past
   * its length a sequence keeps the direction's last state (PyTorch's packed sequences give the
   * state at each sequence's own length).
   */
  static double[][][] naiveDirection(Kind kind, Params ps, String layer, double[][][] seq, int[] lengths,
                                     boolean reverse) {
    double[][] wih = mat(ps, "weight_ih_" + layer);
    double[][] whh = mat(ps, "weight_hh_" + layer);
    double[] bih = vec(ps, "bias_ih_" + layer);
    double[] bhh = vec(ps, "bias_hh_" + layer);
    double[][][] out = new double[T][B][];
    for (int b = 0; b < B; b++) {
      double[] h = new double[HID];
      double[] c = new double[HID];
      int len = lengths[b];
      for (int i = 0; i < len; i++) {
        int t = reverse ? len - 1 - i : i;
        double[][] hc = naiveStep(kind, wih, whh, bih, bhh, seq[t][b], h, c);
        h = hc[0];
        c = hc[1];
        out[t][b] = h.clone();
      }
      for (int t = len; t < T; t++) {
        out[t][b] = h.clone();
      }
    }
    return out;
  }

  /** The top layer's outputs [t][b][width] and what a last-step readout reads, [b][width]. */
  record Top(double[][][] steps, double[][] last) {}

  static double[] merged(double[] f, double[] r, Merge merge) {
    double[] m = new double[merge == Merge.CONCAT ? 2 * HID : HID];
    for (int j = 0; j < HID; j++) {
      if (merge == Merge.CONCAT) {
        m[j] = f[j];
        m[HID + j] = r[j];
      } else {
        m[j] = f[j] + r[j];
      }
    }
    return m;
  }

  /** Stacked layers, unidirectional ({@code merge} null) or bidirectional: the top layer. */
  static Top naiveTop(Kind kind, Params ps, int layers, Batch batch, Merge merge) {
    double[][][] seq = new double[T][B][];
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        seq[t][b] = new double[IN];
        System.arraycopy(batch.inputs(), (t * B + b) * IN, seq[t][b], 0, IN);
      }
    }
    double[][] last = new double[B][];
    for (int l = 0; l < layers; l++) {
      double[][][] fwd = naiveDirection(kind, ps, "l" + l, seq, batch.lengths(), false);
      if (merge == null) {
        seq = fwd;
        for (int b = 0; b < B; b++) {
          last[b] = fwd[batch.lengths()[b] - 1][b];
        }
        continue;
      }
      double[][][] rev = naiveDirection(kind, ps, "l" + l + "_reverse", seq, batch.lengths(), true);
      seq = new double[T][B][];
      for (int b = 0; b < B; b++) {
        for (int t = 0; t < T; t++) {
          seq[t][b] = merged(fwd[t][b], rev[t][b], merge);
        }
        last[b] = merged(fwd[batch.lengths()[b] - 1][b], rev[0][b], merge);
      }
    }
    return new Top(seq, last);
  }

  /** Readout laid out as predict() lays it out: [T][B][OUT] or [B][OUT]. */
  static double[] naivePredict(Kind kind, Params ps, int layers, ReadoutMode mode, Batch batch, Merge merge) {
    Top top = naiveTop(kind, ps, layers, batch, merge);
    double[][] w = mat(ps, "readout.weight");
    double[] bias = vec(ps, "readout.bias");
    int width = merge == Merge.CONCAT ? 2 * HID : HID;
    assertEquals(OUT, w.length);
    assertEquals(width, w[0].length);
    int steps = mode == ReadoutMode.EVERY_STEP ? T : 1;
    double[] y = new double[steps * B * OUT];
    for (int s = 0; s < steps; s++) {
      for (int b = 0; b < B; b++) {
        double[] h = mode == ReadoutMode.EVERY_STEP ? top.steps()[s][b] : top.last()[b];
        for (int o = 0; o < OUT; o++) {
          double v = bias[o];
          for (int j = 0; j < width; j++) {
            v += w[o][j] * h[j];
          }
          y[(s * B + b) * OUT + o] = v;
        }
      }
    }
    return y;
  }

  // ---------------------------------------------------------------- the comparisons

  /** max |a-b| <= 1e-12 * max |want| (normwise relative). */
  static void assertClose(String what, double[] want, double[] got) {
    assertEquals(want.length, got.length, what + ": length");
    double scale = 0.0;
    for (double v : want) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 1e-3, what + ": outputs are all ~0, the comparison would be vacuous");
    for (int i = 0; i < want.length; i++) {
      if (!(Math.abs(want[i] - got[i]) <= 1e-12 * scale)) {
        fail(what + ": index " + i + ": reference " + want[i] + ", engine " + got[i]);
      }
    }
  }

  static void assertBits(String what, double[] want, double[] got) {
    assertEquals(want.length, got.length, what + ": length");
    for (int i = 0; i < want.length; i++) {
      if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
        fail(what + ": index " + i + ": " + want[i] + " vs " + got[i]);
      }
    }
  }

  private void checkParity(Kind kind) {
    long seed = 100 + kind.ordinal();
    for (Merge merge : new Merge[] {null, Merge.CONCAT, Merge.SUM}) {
      for (int layers = 1; layers <= 2; layers++) {
        for (ReadoutMode mode : ReadoutMode.values()) {
          for (boolean ragged : new boolean[] {false, true}) {
            String what = kind + (merge == null ? "" : " bidirectional " + merge) + " layers=" + layers + " " + mode
                + (ragged ? " ragged" : "");
            SequenceModel m = merge == null ? model(kind, layers, mode, seed + 10L * layers)
                : ParityModels.bidirectional(kind, layers, merge, mode, seed + 10L * layers);
            Batch b = batch(mode, ragged ? LENGTHS : Batch.fullLengths(T, B), seed);
            double[] got = m.predict(b, B);
            assertClose(what, naivePredict(kind, m.params(), layers, mode, b, merge), got);
            // chunked evaluation gives the same bits as the whole batch
            assertBits(what + " chunked", got, m.predict(b, 3));
            assertBits(what + " one by one", got, m.predict(b, 1));
          }
        }
      }
    }
  }

  @Test
  void elmanTanhMatchesReference() {
    checkParity(Kind.ELMAN_TANH);
  }

  @Test
  void elmanReluMatchesReference() {
    checkParity(Kind.ELMAN_RELU);
  }

  @Test
  void lstmMatchesReference() {
    checkParity(Kind.LSTM);
  }

  @Test
  void gruResetAfterMatchesPyTorchReference() {
    checkParity(Kind.GRU_RESET_AFTER);
  }

  @Test
  void gruResetBeforeMatchesChoReference() {
    checkParity(Kind.GRU_RESET_BEFORE);
  }

  @Test
  void lastStepOutputIsTheOutputAtEachSequencesOwnLength() {
    for (Kind kind : Kind.values()) {
      SequenceModel every = model(kind, 2, ReadoutMode.EVERY_STEP, 7);
      SequenceModel last = model(kind, 2, ReadoutMode.LAST, 8);
      System.arraycopy(every.params().values(), 0, last.params().values(), 0, every.params().size());
      double[] all = every.predict(batch(ReadoutMode.EVERY_STEP, LENGTHS, 9), B);
      double[] fin = last.predict(batch(ReadoutMode.LAST, LENGTHS, 9), B);
      for (int b = 0; b < B; b++) {
        int len = LENGTHS[b];
        for (int o = 0; o < OUT; o++) {
          double atLen = all[((len - 1) * B + b) * OUT + o];
          assertEquals(Double.doubleToRawLongBits(atLen), Double.doubleToRawLongBits(fin[b * OUT + o]),
              kind + " sequence " + b);
          // past its length a sequence's state is frozen, so is its every-step output
          for (int t = len; t < T; t++) {
            assertEquals(Double.doubleToRawLongBits(atLen), Double.doubleToRawLongBits(all[(t * B + b) * OUT + o]),
                kind + " sequence " + b + " step " + t);
          }
        }
      }
      // and the padding does not influence anything: a sequence alone, cut to its length
      int b = 1;
      Batch full = batch(ReadoutMode.LAST, LENGTHS, 9);
      double[] xs = new double[LENGTHS[b] * IN];
      for (int t = 0; t < LENGTHS[b]; t++) {
        System.arraycopy(full.inputs(), (t * B + b) * IN, xs, t * IN, IN);
      }
      Batch alone = new Batch(LENGTHS[b], 1, IN, xs, new int[] {LENGTHS[b]}, new double[OUT], null, null);
      double[] one = last.predict(alone, 1);
      assertBits(kind + " alone", java.util.Arrays.copyOfRange(fin, b * OUT, b * OUT + OUT), one);
    }
  }

  @Test
  void theTwoGruFormulationsDifferOnTheSameWeights() {
    SequenceModel after = model(Kind.GRU_RESET_AFTER, 1, ReadoutMode.EVERY_STEP, 21);
    SequenceModel before = model(Kind.GRU_RESET_BEFORE, 1, ReadoutMode.EVERY_STEP, 22);
    assertEquals(after.params().size(), before.params().size());
    System.arraycopy(after.params().values(), 0, before.params().values(), 0, after.params().size());
    Batch b = batch(ReadoutMode.EVERY_STEP, Batch.fullLengths(T, B), 23);
    double[] ya = after.predict(b, B);
    double[] yb = before.predict(b, B);
    double maxDiff = 0.0;
    for (int i = 0; i < ya.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(ya[i] - yb[i]));
    }
    assertTrue(maxDiff > 1e-2, "reset_after should change the outputs, max difference " + maxDiff);
    // the first step starts from h = 0, where r*(W h + b) and W (r*h) + b differ only by the bias
    // term r*b_hn vs b_hn; with b_hn = 0 the first step must agree exactly in both formulations
    Param bhh = after.params().get("bias_hh_l0");
    for (SequenceModel m : new SequenceModel[] {after, before}) {
      java.util.Arrays.fill(m.params().values(), bhh.offset() + 2 * HID, bhh.offset() + 3 * HID, 0.0);
    }
    ya = after.predict(b, B);
    yb = before.predict(b, B);
    assertBits("first step with b_hn = 0", java.util.Arrays.copyOf(ya, B * OUT), java.util.Arrays.copyOf(yb, B * OUT));
    maxDiff = 0.0;
    for (int i = B * OUT; i < ya.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(ya[i] - yb[i]));
    }
    assertTrue(maxDiff > 1e-2, "later steps must still differ, max difference " + maxDiff);
  }
}
