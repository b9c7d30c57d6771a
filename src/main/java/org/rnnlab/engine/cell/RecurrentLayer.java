package org.rnnlab.engine.cell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.rnnlab.engine.Gemm;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.Normalization;

/**
 * One recurrent layer over whole sequences, with backpropagation through time (seed 000,
 * 7.2.2): the forward pass computes the input projection of all time steps in one product,
 * then the recurrence step by step; the backward pass sweeps time backwards, and accumulates
 * the weight gradients over all steps in one product each after the sweep (the sum over the
 * "temporal avatars" of the shared weights). Parameters use PyTorch's names and layout:
 * {@code weight_ih_l{k}} is {@code gates*hidden x input}, gate blocks stacked along the rows.
 *
 * <p>Sequences shorter than the batch's longest are handled by freezing: past its length a
 * sequence's state is carried through unchanged, and its error passes straight back. So the
 * state after the last step is every sequence's state at its own last step.
 *
 * <p>Subclasses supply the cell's pointwise step ({@link #stepForward}, {@link #stepBackward}).
 * All buffers are sized once per batch shape: nothing is allocated per time step.
 *
 * <p>Normalisation (docs/normalisation.md) is a seam here, not in the cells: with a
 * {@link NormConfig}, the input projection W_ih x_t and the recurrent projection W_hh h_{t-1}
 * are each normalised before their bias is added (or, for the tanh RNN with layer norm, their
 * sum: seed 000, eq. 7.6), so the cells read gx and ghStep as usual; on the way back the sites'
 * backward turns dL/d(pre-activation) into dL/d(projection) before the weight products. The
 * LSTM adds a third site, on its cell state. Without a NormConfig every loop is the plain one.
 */
public abstract class RecurrentLayer {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  /**
   * Up to this many inputs the input projection's site keeps no x̂: the backward sweep computes
   * the step's W_ih x_t again (2 * in flops per value, cheaper than storing and reloading it).
   */
  private static final int RECOMPUTE_MAX_INPUT = 16;
  /** Doubles of dgx per chunk of the gradient sums after the sweep (1 MiB: fits L2). */
  private static final int GRADIENT_CHUNK = 1 << 17;
  protected final int index;
  protected final int in;
  protected final int hid;
  protected final int gates;
  protected final int gh;            // gates * hid
  protected final int parts;         // state parts: 1 (h) or 2 (h, c)
  private final double stateNoise;   // sd of the noise in h_0 of a training-mode pass (batch norm), 0: none
  protected final Param wIh;
  protected final Param wHh;
  protected final Param bIh;
  protected final Param bHh;

  protected double[] p;              // parameter values (the model's flat array)
  protected final double[] wIhT;     // weight_ih transposed: in x gh
  private final double[] wIhPacked;  // wIhT in Gemm's packed form
  protected final double[] wHhT;     // weight_hh transposed: hid x gh
  protected int steps;
  protected int batch;
  protected double[] x;              // input of the current forward pass (not copied)
  protected int xOff;
  protected int[] lengths;
  protected int lenShift;            // step t of this segment is step t + lenShift of the sequence
  protected double[][] st = new double[0][];   // st[part]: (steps+1) x batch x hid; st[.][0] is the initial state
  protected double[] gx = new double[0];       // steps x batch x gh: input projection + bias_ih
  protected double[] ghStep = new double[0];   // batch x gh: recurrent projection + bias_hh of one step
  protected double[] dgx = new double[0];      // steps x batch x gh: dL/d(input pre-activation)
  protected double[] dgh = new double[0];      // steps x batch x gh: dL/d(recurrent pre-activation)
  protected double[][] dNext = new double[0][];  // dL/d(state_t), batch x hid per part
  protected double[][] dPrev = new double[0][];
  protected double[] grads;          // the gradient during backward (for the sites inside a step)
  private StepGradientHook hook;
  // normalisation sites: all of them, and those of the projections (null: none)
  private final List<Normalization> sites = new ArrayList<>();
  private final Normalization inNorm;   // on W_ih x_t
  private final Normalization recNorm;  // on W_hh h_{t-1}
  private final Normalization sumNorm;  // on W_ih x_t + W_hh h_{t-1} (seed eq. 7.6)
  protected boolean[] validRows = new boolean[0];  // normalised: which sequences step curT lies within
  protected int curT;                                // the step being computed
  private int doneC0 = -1;                           // recurrent columns a cell back-normalised itself
  private int doneN;
  // packed copies of weight_hh for the per-step products (Gemm.packB), built once per pass
  private final PackedSlot[] fwdPacked = {new PackedSlot(), new PackedSlot()};
  private final PackedSlot[] bwdPacked = {new PackedSlot(), new PackedSlot()};
  private long forwardPass;
  private long backwardPass;
  // the Params version wIhT, wHhT and the packs were made at by a pass that named it (-1: unknown)
  private long packedVersion = -1;

  /** A packed column (forward) or row (backward) range of weight_hh, valid for one pass. */
  private static final class PackedSlot {
    int c0 = -1;
    int n = -1;
    long pass = -1;
    double[] buf = new double[0];
  }

  protected RecurrentLayer(Params.Builder params, int index, String suffix, int in, int hid, int gates, int parts) {
    this(params, index, suffix, in, hid, gates, parts, null, null, false);
  }

  /**
   * A layer with normalised projections (or none if {@code norm} is null).
   *
   * @param groups       column groups of a gate pre-activation row normalised as one vector each
   *                     by layer norm (e.g. {4h} for the LSTM, {2h, h} for the GRU)
   * @param normaliseSum normalise W_ih x + W_hh h as one vector instead of each on its own
   */
  protected RecurrentLayer(Params.Builder params, int index, String suffix, int in, int hid, int gates, int parts,
                           NormConfig norm, int[] groups, boolean normaliseSum) {
    this.index = index;
    this.in = in;
    this.hid = hid;
    this.gates = gates;
    this.gh = gates * hid;
    this.parts = parts;
    this.stateNoise = norm == null ? 0.0 : norm.stateNoise();
    this.wIh = params.add("weight_ih_l" + index + suffix, gh, in, Params.Kind.INPUT_WEIGHT, gates);
    this.wHh = params.add("weight_hh_l" + index + suffix, gh, hid, Params.Kind.RECURRENT_WEIGHT, gates);
    this.bIh = params.add("bias_ih_l" + index + suffix, 1, gh, Params.Kind.BIAS, gates);
    this.bHh = params.add("bias_hh_l" + index + suffix, 1, gh, Params.Kind.BIAS, gates);
    this.wIhT = new double[gh * in];
    this.wIhPacked = new double[Gemm.packedSize(in, gh)];
    this.wHhT = new double[gh * hid];
    if (norm == null) {
      inNorm = null;
      recNorm = null;
      sumNorm = null;
    } else if (normaliseSum) {
      inNorm = null;
      recNorm = null;
      sumNorm = declareNorm(params, norm, "norm_l" + index + suffix, gh, groups, bIh, bHh);
    } else {
      inNorm = declareNorm(params, norm, "norm_ih_l" + index + suffix, gh, groups, bIh);
      if (in <= RECOMPUTE_MAX_INPUT) {
        inNorm.recomputeInput();
      }
      recNorm = declareNorm(params, norm, "norm_hh_l" + index + suffix, gh, groups, bHh);
      sumNorm = null;
    }
  }

  /** Declares a normalisation site of this layer (created, initialised and switched with it). */
  protected final Normalization declareNorm(Params.Builder params, NormConfig norm, String name, int width,
                                            int[] groups, Param... biases) {
    Normalization s = norm.create(params, name, width, groups, biases);
    sites.add(s);
    return s;
  }

  /** The layer's normalisation sites in declaration order (none without normalisation). */
  public List<Normalization> normalizations() {
    return java.util.Collections.unmodifiableList(sites);
  }

  /** Training mode (batch norm: batch statistics, updating the running ones) or evaluation mode. */
  public void setTraining(boolean on) {
    for (Normalization s : sites) {
      s.setTraining(on);
    }
  }

  /** Forgets batch norm's running statistics (see {@link Normalization#resetStatistics}). */
  public void resetStatistics(boolean exact) {
    for (Normalization s : sites) {
      s.resetStatistics(exact);
    }
  }

  /**
   * Standard deviation of the Gaussian noise a training-mode pass from a zero state adds to this
   * layer's initial h (its normalisation's {@code stateNoise()}; 0: none). The model draws it.
   */
  public double initialStateNoise() {
    return stateNoise;
  }

  /** Input features per step. */
  public int inputSize() {
    return in;
  }

  /** Hidden units. */
  public int hiddenSize() {
    return hid;
  }

  /** Number of state parts: 1 (h) or 2 (h and the LSTM cell c). */
  public int stateParts() {
    return parts;
  }

  /** Installs a hook on the per-step error (or null). */
  public void setStepGradientHook(StepGradientHook hook) {
    this.hook = hook;
  }

  /** Initialises this layer's weights (per gate block) and biases. */
  public void initialize(double[] values, Initializer weightInit, Initializer recurrentInit, Rng rng) {
    /*f64*/double bound = 1.0 / Math.sqrt(hid);  // double in the float32 twin too: the same draws, rounded
    for (int g = 0; g < gates; g++) {
      weightInit.fill(values, wIh.offset() + g * hid * in, hid, in, bound, rng.child("weight_ih").child(g));
      recurrentInit.fill(values, wHh.offset() + g * hid * hid, hid, hid, bound, rng.child("weight_hh").child(g));
    }
    weightInit.fillBias(values, bIh.offset(), gh, bound, rng.child("bias_ih"));
    weightInit.fillBias(values, bHh.offset(), gh, bound, rng.child("bias_hh"));
    if (!sites.isEmpty()) {
      // after a normalisation the biases are its shift (beta), which starts at 0
      Arrays.fill(values, bIh.offset(), bIh.offset() + gh, 0.0);
      Arrays.fill(values, bHh.offset(), bHh.offset() + gh, 0.0);
      for (Normalization s : sites) {
        s.initialize(values);
      }
    }
  }

  private void ensure(int steps, int batch) {
    int rows = steps * batch;
    if (gx.length < rows * gh || st.length != parts || st[0].length < (rows + batch) * hid) {
      st = new double[parts][(rows + batch) * hid];
      gx = new double[rows * gh];
      dgx = gradientInPlace() ? gx : new double[rows * gh];
      dgh = separateRecurrentGrad() ? new double[rows * gh] : dgx;
      allocate(rows, batch);
    }
    if (ghStep.length < batch * gh) {
      ghStep = new double[batch * gh];
      dNext = new double[parts][batch * hid];
      dPrev = new double[parts][batch * hid];
    }
    this.steps = steps;
    this.batch = batch;
    if (!sites.isEmpty()) {
      for (int k = 0; k < sites.size(); k++) {
        sites.get(k).ensure(steps, batch);
      }
      if (validRows.length < batch) {
        validRows = new boolean[batch];
      }
      if (recNorm != null && !separateRecurrentGrad()) {
        dgh = recNorm.saved();  // the recurrent site's backward writes dL/d(W_hh h) over its x̂
      }
    }
  }

  /** Allocates the subclass's stores for {@code rows} = steps*batch rows of a batch of {@code batch}. */
  protected abstract void allocate(int rows, int batch);

  /**
   * Whether the cell works in place in gx: overwrites each step's gx with its activations in
   * {@link #stepForward} and those with dL/d(pre-activation) in {@link #stepBackward}, so that
   * dgx is gx. One buffer instead of three (steps x batch x gh each) is much less memory traffic.
   */
  protected boolean gradientInPlace() {
    return false;
  }

  /** Whether dL/d(recurrent pre-activation) differs from dL/d(input pre-activation) (GRU). */
  protected boolean separateRecurrentGrad() {
    return false;
  }

  /**
   * Runs the layer over {@code steps} steps of {@code batch} sequences.
   *
   * @param x        input, {@code steps x batch x inputSize} at xOff
   * @param lengths  sequence lengths (null: all full); step t is valid for sequence b when
   *                 {@code t + lenShift < lengths[b]}
   * @param init     initial state per part, each {@code batch x hidden} (null: zeros)
   */
  public void forward(double[] values, double[] x, int xOff, int steps, int batch,
                      int[] lengths, int lenShift, double[][] init) {
    forward(values, x, xOff, steps, batch, lengths, lenShift, init, -1);
  }

  /**
   * {@link #forward(double[], double[], int, int, int, int[], int, double[][])} for values at
   * {@code weightsVersion} (their {@link Params#version()}): the transposed and packed weights of
   * the previous pass are reused if it named the same version, else made afresh (-1: always, the
   * training path). For one inference step at a time, where making them costs more than the step.
   */
  public void forward(double[] values, double[] x, int xOff, int steps, int batch,
                      int[] lengths, int lenShift, double[][] init, long weightsVersion) {
    ensure(steps, batch);
    this.p = values;
    this.x = x;
    this.xOff = xOff;
    this.lengths = lengths;
    this.lenShift = lenShift;
    boolean reuse = weightsVersion >= 0 && weightsVersion == packedVersion;
    packedVersion = weightsVersion;
    if (!reuse) {
      transposeInto(values, wIh, wIhT);
      transposeInto(values, wHh, wHhT);
      forwardPass++;  // so weight_hh's packs are made again at their first use (reused: they stay)
    }
    int bh = batch * hid;
    for (int k = 0; k < parts; k++) {
      if (init == null) {
        Arrays.fill(st[k], 0, bh, 0.0);
      } else {
        System.arraycopy(init[k], 0, st[k], 0, bh);
      }
    }
    if (!reuse) {
      Gemm.packB(in, gh, wIhT, 0, gh, wIhPacked, 0);
    }
    for (int k = 0; k < sites.size(); k++) {
      sites.get(k).beginPass();
    }
    for (int t = 0; t < steps; t++) {
      curT = t;
      if (!sites.isEmpty()) {
        fillValid(t);
      }
      inputProjection(t);
      stepForward(t);
      freezeForward(t);
      // float32: the carried state is flushed to zero where subnormal (a cell state decaying through
      // forget gates gets there), as FloatKernels says why; a no-op comment in double
      // f32: for (int k = 0; k < parts; k++) { org.rnnlab.engine.FloatKernels.flushDenormals(st[k], (t + 1) * batch * hid, batch * hid); }
    }
  }

  /**
   * gx at step t = bias_ih + x_t * weight_ih^T, computed just before the step reads it, while it
   * is in cache (each element is the same fma chain as in one product over all steps).
   */
  private void inputProjection(int t) {
    int r0 = t * batch;
    if (inNorm != null || sumNorm != null) {
      Gemm.multPacked(batch, gh, in, x, xOff + r0 * in, in, 1, wIhPacked, 0, gx, r0 * gh, gh, false);
      if (inNorm != null) {
        inNorm.forward(p, gx, r0 * gh, gh, gx, r0 * gh, gh, 0, gh, t, t + lenShift, validRows);
      }
      return;
    }
    for (int b = 0; b < batch; b++) {
      System.arraycopy(p, bIh.offset(), gx, (r0 + b) * gh, gh);
    }
    Gemm.multPacked(batch, gh, in, x, xOff + r0 * in, in, 1, wIhPacked, 0, gx, r0 * gh, gh, true);
  }

  private static void transposeInto(double[] values, Param w, double[] dst) {
    int r = w.rows();
    int c = w.cols();
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        dst[j * r + i] = values[w.offset() + i * c + j];
      }
    }
  }

  /** ghStep = bias_hh[cols] + a * weight_hh^T[:, cols], for gate columns [c0, c0+n). */
  protected final void recurrentProduct(double[] a, int aOff, int c0, int n) {
    if (recNorm != null || sumNorm != null) {
      normalisedProduct(a, aOff, c0, n);
      return;
    }
    for (int b = 0; b < batch; b++) {
      System.arraycopy(p, bHh.offset() + c0, ghStep, b * gh + c0, n);
    }
    double[] packed = packed(fwdPacked, forwardPass, c0, n, true);
    Gemm.multPacked(batch, n, hid, a, aOff, hid, 1, packed, 0, ghStep, c0, gh, true);
  }

  /**
   * ghStep[cols] = bias_hh + N(a * weight_hh^T) for the recurrent site; for the sum site (seed
   * eq. 7.6) gx at this step becomes bias_ih + bias_hh + N(gx + a * weight_hh^T) and ghStep 0.
   */
  private void normalisedProduct(double[] a, int aOff, int c0, int n) {
    double[] packed = packed(fwdPacked, forwardPass, c0, n, true);
    Gemm.multPacked(batch, n, hid, a, aOff, hid, 1, packed, 0, ghStep, c0, gh, false);
    int step = curT + lenShift;
    if (recNorm != null) {
      recNorm.forward(p, ghStep, 0, gh, ghStep, 0, gh, c0, n, curT, step, validRows);
      return;
    }
    int g = curT * batch * gh;
    for (int b = 0; b < batch; b++) {
      for (int j = c0; j < c0 + n; j++) {
        ghStep[b * gh + j] += gx[g + b * gh + j];
      }
    }
    sumNorm.forward(p, ghStep, 0, gh, gx, g, gh, c0, n, curT, step, validRows);
    for (int b = 0; b < batch; b++) {
      Arrays.fill(ghStep, b * gh + c0, b * gh + c0 + n, 0.0);
    }
  }

  /**
   * weight_hh^T[:, c0..c0+n) (forward) or weight_hh[c0..c0+n, :] (backward) in Gemm's packed
   * form, packed at the first use in a pass and reused by every step of it.
   */
  private double[] packed(PackedSlot[] slots, long pass, int c0, int n, boolean forward) {
    PackedSlot free = null;
    for (PackedSlot s : slots) {
      if (s.c0 == c0 && s.n == n) {
        if (s.pass != pass) {
          pack(s, pass, forward);
        }
        return s.buf;
      }
      if (free == null && s.pass != pass) {
        free = s;
      }
    }
    if (free == null) {
      throw new IllegalStateException("more than " + slots.length + " weight_hh ranges in one pass");
    }
    free.c0 = c0;
    free.n = n;
    pack(free, pass, forward);
    return free.buf;
  }

  private void pack(PackedSlot s, long pass, boolean forward) {
    int size = forward ? Gemm.packedSize(hid, s.n) : Gemm.packedSize(s.n, hid);
    if (s.buf.length < size) {
      s.buf = new double[size];
    }
    if (forward) {
      Gemm.packB(hid, s.n, wHhT, s.c0, gh, s.buf, 0);
    } else {
      Gemm.packB(s.n, hid, p, wHh.offset() + s.c0 * hid, hid, s.buf, 0);
    }
    s.pass = pass;
  }

  /**
   * dst (+)= a * weight_hh[c0..c0+n, :], a being {@code batch x n} with row stride gh at aOff;
   * dst is {@code batch x hid}. For the backward sweep (weight_hh as of the last forward pass).
   */
  protected final void recurrentRowsProduct(double[] a, int aOff, int c0, int n, double[] dst, boolean accumulate) {
    double[] packed = packed(bwdPacked, backwardPass, c0, n, false);
    Gemm.multPacked(batch, hid, n, a, aOff, gh, 1, packed, 0, dst, 0, hid, accumulate);
  }

  /** Whether step t of this segment lies within sequence b. */
  protected final boolean valid(int t, int b) {
    return lengths == null || t + lenShift < lengths[b];
  }

  private void fillValid(int t) {
    for (int b = 0; b < batch; b++) {
      validRows[b] = valid(t, b);
    }
  }

  private void freezeForward(int t) {
    if (lengths == null) {
      return;
    }
    for (int b = 0; b < batch; b++) {
      if (!valid(t, b)) {
        for (int k = 0; k < parts; k++) {
          System.arraycopy(st[k], (t * batch + b) * hid, st[k], ((t + 1) * batch + b) * hid, hid);
        }
      }
    }
  }

  /**
   * Computes state t+1 from state t: reads gx at step t and st[.] at t, writes st[.] at t+1 and
   * whatever the backward step needs.
   */
  protected abstract void stepForward(int t);

  /**
   * Back-propagates one step: from dNext (dL/d state_{t+1}, already including the output's
   * error) writes dgx and dgh at step t and the direct (non-matrix) part of dPrev
   * (dL/d state_t); the base class adds the recurrent matrix product afterwards.
   */
  protected abstract void stepBackward(int t);

  /** dPrev[0] += dgh(t)[:, cols] * weight_hh[cols, :], for gate rows [c0, c0+n). */
  protected final void recurrentBackProduct(int t, int c0, int n, double[] dst) {
    recurrentRowsProduct(dgh, t * batch * gh + c0, c0, n, dst, true);
  }

  /**
   * Backpropagation through time over the last forward pass. Accumulates parameter gradients
   * into {@code grads}; writes dL/dx into dx (if not null).
   *
   * @param dOut   dL/dh_t for t = 1..steps from above, {@code steps x batch x hidden} at dOutOff
   *               (null: no error from above, e.g. a last-step readout gives it via dFinal)
   * @param dFinal dL/d(final state) per part (null: none)
   */
  public void backward(double[] grads, double[] dOut, int dOutOff, double[][] dFinal, double[] dx, int dxOff) {
    backwardPass++;
    this.grads = grads;
    boolean normalised = !sites.isEmpty();
    int bh = batch * hid;
    for (int k = 0; k < parts; k++) {
      if (dFinal != null && dFinal[k] != null) {
        System.arraycopy(dFinal[k], 0, dNext[k], 0, bh);
      } else {
        Arrays.fill(dNext[k], 0, bh, 0.0);
      }
    }
    for (int t = steps - 1; t >= 0; t--) {
      double[] dh = dNext[0];
      if (dOut != null) {
        int o = dOutOff + t * bh;
        for (int i = 0; i < bh; i++) {
          dh[i] += dOut[o + i];
        }
      }
      if (hook != null) {
        hook.onStep(index, t + lenShift, dh, parts > 1 ? dNext[1] : null, 0, bh);
      }
      if (normalised) {
        curT = t;
        fillValid(t);
        doneC0 = -1;
      }
      stepBackward(t);
      freezeBackward(t);
      if (normalised) {
        projectionsBackward(t);
      }
      recurrentBackward(t);
      double[][] s = dNext;
      dNext = dPrev;
      dPrev = s;
      // f32: for (int k = 0; k < parts; k++) { org.rnnlab.engine.FloatKernels.flushDenormals(dNext[k], 0, batch * hid); }
    }
    int rows = steps * batch;
    if (inNorm != null || recNorm != null || sumNorm != null) {
      // the sites have added the bias gradients; dgx is dL/d(W_ih x) now
      Gemm.mult(gh, in, rows, dgx, 0, 1, gh, x, xOff, in, grads, wIh.offset(), in, true);
      recurrentWeightGradient(grads);
      if (dx != null) {
        Gemm.mult(rows, in, gh, dgx, 0, gh, 1, p, wIh.offset(), in, dx, dxOff, in, false);
      }
      return;
    }
    // The input-weight and bias gradients read dgx a chunk of rows at a time, so that the bias
    // sums find the chunk in cache; every sum still runs over all rows in order.
    int chunk = Math.max(1, GRADIENT_CHUNK / gh);
    for (int r0 = 0; r0 < rows; r0 += chunk) {
      int rc = Math.min(chunk, rows - r0);
      int o = r0 * gh;
      Gemm.mult(gh, in, rc, dgx, o, 1, gh, x, xOff + r0 * in, in, grads, wIh.offset(), in, true);
      if (dgh == dgx) {
        columnSums(dgx, o, rc, gh, grads, bIh.offset(), bHh.offset());
      } else {
        columnSums(dgx, o, rc, gh, grads, bIh.offset(), -1);
        columnSums(dgh, o, rc, gh, grads, bHh.offset(), -1);
      }
    }
    recurrentWeightGradient(grads);
    if (dx != null) {
      Gemm.mult(rows, in, gh, dgx, 0, gh, 1, p, wIh.offset(), in, dx, dxOff, in, false);
    }
  }

  /**
   * The projections' sites backward at step t, after the cell's step: dL/d(W_hh h) into dgh
   * (from dgh if the cell wrote it, else from dgx; columns a cell did itself are skipped), then
   * dL/d(W_ih x) over dgx. The sum site (eq. 7.6) has one gradient for both, in dgx = dgh.
   */
  private void projectionsBackward(int t) {
    int o = t * batch * gh;
    if (sumNorm != null) {
      sumNorm.backward(p, grads, dgx, o, gh, dgx, o, gh, 0, gh, t, validRows);
      return;
    }
    if (recNorm != null) {
      double[] dy = separateRecurrentGrad() ? dgh : dgx;
      if (doneC0 < 0) {
        recNorm.backward(p, grads, dy, o, gh, dgh, o, gh, 0, gh, t, validRows);
      } else {
        if (doneC0 > 0) {
          recNorm.backward(p, grads, dy, o, gh, dgh, o, gh, 0, doneC0, t, validRows);
        }
        int e = doneC0 + doneN;
        if (e < gh) {
          recNorm.backward(p, grads, dy, o, gh, dgh, o, gh, e, gh - e, t, validRows);
        }
      }
    }
    if (inNorm != null) {
      if (!inNorm.keepsInput()) {
        inputProjectionAgain(t);
        inNorm.restore(ghStep, 0, gh, t);
      }
      inNorm.backward(p, grads, dgx, o, gh, dgx, o, gh, 0, gh, t, validRows);
    }
  }

  /**
   * ghStep = x_t * weight_ih^T again, for a small input: per element the fma chain of the forward
   * pass's product (Gemm sums over the input in order, from 0), so the very same bits, without
   * that product's zeroing and packing, which dominate at a handful of inputs.
   */
  private void inputProjectionAgain(int t) {
    int r0 = t * batch;
    for (int b = 0; b < batch; b++) {
      int xr = xOff + (r0 + b) * in;
      int o = b * gh;
      int j = 0;
      for (int vb = S.loopBound(gh); j < vb; j += V) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int k = 0; k < in; k++) {
          acc = DoubleVector.broadcast(S, x[xr + k]).fma(DoubleVector.fromArray(S, wIhT, k * gh + j), acc);
        }
        acc.intoArray(ghStep, o + j);
      }
      for (; j < gh; j++) {
        double acc = 0.0;
        for (int k = 0; k < in; k++) {
          acc = Math.fma(x[xr + k], wIhT[k * gh + j], acc);
        }
        ghStep[o + j] = acc;
      }
    }
  }

  /**
   * dL/d(W_hh[cols] h) at step t for gate columns [c0, c0+n), for a cell that needs it inside
   * {@link #stepBackward} (the GRU that resets before the product): dgh, through the recurrent
   * site's backward if there is one (those columns are then done for this step).
   */
  protected final double[] recurrentGrad(int t, int c0, int n) {
    if (recNorm != null) {
      int o = t * batch * gh;
      recNorm.backward(p, grads, separateRecurrentGrad() ? dgh : dgx, o, gh, dgh, o, gh, c0, n, t, validRows);
      doneC0 = c0;
      doneN = n;
    }
    return dgh;
  }

  /** dL/d(initial state) per part after {@link #backward}, each {@code batch x hidden}. */
  public double[][] initialStateGradient() {
    return dNext;
  }

  /** dPrev[0] += dgh(t) * weight_hh; GRU with the reset gate before the product overrides. */
  protected void recurrentBackward(int t) {
    recurrentBackProduct(t, 0, gh, dPrev[0]);
  }

  /** grad weight_hh += dgh^T * [h_0 .. h_{T-1}]; GRU with the reset gate before the product overrides. */
  protected void recurrentWeightGradient(double[] grads) {
    Gemm.mult(gh, hid, steps * batch, dgh, 0, 1, gh, st[0], 0, hid, grads, wHh.offset(), hid, true);
  }

  private void freezeBackward(int t) {
    if (lengths == null) {
      return;
    }
    for (int b = 0; b < batch; b++) {
      if (!valid(t, b)) {
        int g0 = (t * batch + b) * gh;
        Arrays.fill(dgx, g0, g0 + gh, 0.0);
        Arrays.fill(dgh, g0, g0 + gh, 0.0);
        for (int k = 0; k < parts; k++) {
          System.arraycopy(dNext[k], b * hid, dPrev[k], b * hid, hid);
        }
      }
    }
  }

  /**
   * dst[off + j] += m[0][j] + m[1][j] + ... (in row order, one add at a time) for the
   * {@code rows x n} matrix m at mOff, and the same for dst[off2 + j] if off2 &gt;= 0 (one pass for both
   * biases when they share the gradient). Columns are summed in registers, a block at a time.
   */
  private static void columnSums(double[] m, int mOff, int rows, int n, double[] dst, int off, int off2) {
    int j = 0;
    for (; j + 2 * V <= n; j += 2 * V) {
      DoubleVector a0 = DoubleVector.fromArray(S, dst, off + j);
      DoubleVector a1 = DoubleVector.fromArray(S, dst, off + j + V);
      if (off2 < 0) {
        for (int r = 0; r < rows; r++) {
          a0 = a0.add(DoubleVector.fromArray(S, m, mOff + r * n + j));
          a1 = a1.add(DoubleVector.fromArray(S, m, mOff + r * n + j + V));
        }
      } else {
        DoubleVector b0 = DoubleVector.fromArray(S, dst, off2 + j);
        DoubleVector b1 = DoubleVector.fromArray(S, dst, off2 + j + V);
        for (int r = 0; r < rows; r++) {
          DoubleVector v0 = DoubleVector.fromArray(S, m, mOff + r * n + j);
          DoubleVector v1 = DoubleVector.fromArray(S, m, mOff + r * n + j + V);
          a0 = a0.add(v0);
          a1 = a1.add(v1);
          b0 = b0.add(v0);
          b1 = b1.add(v1);
        }
        b0.intoArray(dst, off2 + j);
        b1.intoArray(dst, off2 + j + V);
      }
      a0.intoArray(dst, off + j);
      a1.intoArray(dst, off + j + V);
    }
    for (; j < n; j++) {
      double a = dst[off + j];
      double b = off2 < 0 ? 0.0 : dst[off2 + j];
      for (int r = 0; r < rows; r++) {
        a += m[mOff + r * n + j];
        b += m[mOff + r * n + j];
      }
      dst[off + j] = a;
      if (off2 >= 0) {
        dst[off2 + j] = b;
      }
    }
  }

  /** The hidden states h_1..h_T, {@code steps x batch x hidden}, at {@link #outputOffset()}. */
  public double[] output() {
    return st[0];
  }

  /** Offset of h_1 in {@link #output()}. */
  public int outputOffset() {
    return batch * hid;
  }

  /** Copies the state after the last step (every sequence's state at its own last step) into dst. */
  public void finalState(double[][] dst) {
    for (int k = 0; k < parts; k++) {
      System.arraycopy(st[k], steps * batch * hid, dst[k], 0, batch * hid);
    }
  }
}
