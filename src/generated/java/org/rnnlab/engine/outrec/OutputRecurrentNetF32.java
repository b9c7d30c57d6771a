// Generated from src/main/java/org/rnnlab/engine/outrec/OutputRecurrentNet.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change OutputRecurrentNet.java and run `make generate`.
package org.rnnlab.engine.outrec;

import java.util.Arrays;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.layer.LinearReadoutF32;
import org.rnnlab.engine.loss.CrossEntropyLossF32;

/**
 * A network whose only recurrence goes from the output back to the hidden layer (Goodfellow et al.
 * 2016, 10.2, fig. 10.4; Jordan 1986): for token inputs x_t and K output classes,
 * h_t = tanh(W e(x_t) + U e(y_{t-1}) + b), o_t = V h_t + c, softmax over the K classes, with e the
 * one-hot code and no hidden-to-hidden connection. y_{t-1} is the fed class: the previous target
 * under teacher forcing (10.2.1), or the model's own previous argmax when it runs free; at step 0 it
 * is a start symbol, class K (U has K+1 columns). The fed classes are constants, never
 * differentiated through: given them every step is independent of the others, so a teacher-forced
 * pass is parallel over steps and its gradient needs no backpropagation through time.
 *
 * <p>Parameters, in order: {@code weight_ih} (W, hidden x vocabulary), {@code weight_oh} (U, hidden x
 * (K+1)), {@code bias_h} (b), {@code readout.weight} (V, K x hidden), {@code readout.bias} (c).
 * Steps past a sequence's length are skipped (their hidden state is zero and their loss weight 0).
 * {@code OutputRecurrentNetF32} is its generated float32 twin (loss weights and sums in double).
 */
public final class OutputRecurrentNetF32 {
  private final ParamsF32 params;
  private final Param weightIh;
  private final Param weightOh;
  private final Param bias;
  private final LinearReadoutF32 readout;
  private final CrossEntropyLossF32 loss = new CrossEntropyLossF32();
  private final int vocabulary;
  private final int classes;
  private final int hidden;
  private float[] h = new float[0];
  private float[] dh = new float[0];
  private float[] out = new float[0];
  private float[] dOut = new float[0];
  private double[] weights = new double[0];
  private int[] fedBuf = new int[0];
  private float[] stepOut = new float[0];

  /** Declares the parameters for {@code vocabulary} input tokens, {@code classes} output classes and {@code hidden} units. */
  public OutputRecurrentNetF32(int vocabulary, int classes, int hidden) {
    if (vocabulary < 1 || classes < 2 || hidden < 1) {
      throw new IllegalArgumentException("an output-recurrence net needs vocabulary >= 1, classes >= 2, hidden >= 1; "
          + "got " + vocabulary + ", " + classes + ", " + hidden);
    }
    ParamsF32.Builder b = new ParamsF32.Builder();
    weightIh = b.add("weight_ih", hidden, vocabulary, ParamsF32.Kind.INPUT_WEIGHT, 1);
    weightOh = b.add("weight_oh", hidden, classes + 1, ParamsF32.Kind.RECURRENT_WEIGHT, 1);
    bias = b.add("bias_h", 1, hidden, ParamsF32.Kind.BIAS, 1);
    readout = new LinearReadoutF32(b, hidden, classes, ReadoutMode.EVERY_STEP);
    params = b.build();
    this.vocabulary = vocabulary;
    this.classes = classes;
    this.hidden = hidden;
  }

  /** All parameters and their gradient. */
  public ParamsF32 params() {
    return params;
  }

  /** Output classes K. */
  public int classes() {
    return classes;
  }

  /** The class fed at step 0: K, the start symbol. */
  public int start() {
    return classes;
  }

  /**
   * Draws W, U and b from {@code init} with PyTorch's nn.RNN bound 1/sqrt(hidden), and the readout with
   * nn.Linear's, each from its own child stream of {@code rng} named after the parameter.
   */
  public void initialize(Initializer init, Rng rng) {
    float[] v = params.values();
    double bound = 1.0 / Math.sqrt(hidden);
    init.fill(v, weightIh.offset(), hidden, vocabulary, bound, rng.child("weight_ih"));
    init.fill(v, weightOh.offset(), hidden, classes + 1, bound, rng.child("weight_oh"));
    init.fillBias(v, bias.offset(), hidden, bound, rng.child("bias_h"));
    readout.initialize(v, init, rng);
  }

  /** The teacher-forced fed classes of {@code b}, {@code [steps][size]}: the start symbol, then the previous target. */
  public int[] teacherForcing(Batch b) {
    int n = b.size();
    int[] fed = new int[b.steps() * n];
    Arrays.fill(fed, 0, n, start());
    System.arraycopy(b.labels(), 0, fed, n, (b.steps() - 1) * n);
    return fed;
  }

  /**
   * The logits of every step, {@code [steps][size][K]}, given the fed classes ({@code [steps][size]},
   * as {@link #teacherForcing} makes them): one pass, parallel over steps. A new array.
   */
  public float[] logits(Batch b, int[] fed) {
    int positions = forward(b, fed);
    return Arrays.copyOf(out, positions * classes);
  }

  /**
   * The mean cross-entropy of the steps with a target given the fed classes, and its gradient added to
   * {@code params().grads()}: the teacher-forced training pass when {@code fed} is {@link #teacherForcing}'s.
   */
  public double forwardBackward(Batch b, int[] fed) {
    int positions = forward(b, fed);
    double value = loss.evaluate(out, positions, classes, null, b.labels(), 0, lossWeights(b), dOut);
    float[] v = params.values();
    float[] g = params.grads();
    readout.backward(v, g, dOut, h, 0, positions, dh);
    int n = b.size();
    int vb = vocabulary;
    int kb = classes + 1;
    for (int p = 0; p < positions; p++) {
      int t = p / n;
      int i = p % n;
      if (t >= b.lengths()[i]) {
        continue;
      }
      int x = b.tokens()[p];
      int y = fed[p];
      for (int j = 0; j < hidden; j++) {
        float hj = h[p * hidden + j];
        float d = dh[p * hidden + j] * (1.0f - hj * hj);
        g[weightIh.offset() + j * vb + x] += d;
        g[weightOh.offset() + j * kb + y] += d;
        g[bias.offset() + j] += d;
      }
    }
    return value;
  }

  /**
   * The logits when the network runs free, {@code [steps][size][K]}: step by step, each sequence fed
   * the start symbol, then its own previous argmax (the first on ties). A new array.
   */
  public float[] freeRunning(Batch b) {
    int n = b.size();
    int steps = b.steps();
    check(b, null);
    ensure(steps * n);
    if (fedBuf.length < n) {
      fedBuf = new int[n];
    }
    if (stepOut.length < n * classes) {
      stepOut = new float[n * classes];
    }
    float[] all = new float[steps * n * classes];
    float[] v = params.values();
    Arrays.fill(fedBuf, 0, n, start());
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        hiddenAt(v, b, t, i, fedBuf[i]);
      }
      readout.forward(v, h, t * n * hidden, n, stepOut);
      System.arraycopy(stepOut, 0, all, t * n * classes, n * classes);
      for (int i = 0; i < n; i++) {
        fedBuf[i] = argmax(stepOut, i * classes, classes);
      }
    }
    return all;
  }

  /** The mean cross-entropy of {@code logits} ({@code [steps][size][K]}) over the steps of {@code b} with a target. */
  public double loss(Batch b, float[] logits) {
    int positions = b.steps() * b.size();
    float[] scratch = new float[positions * classes];
    return loss.evaluate(logits, positions, classes, null, b.labels(), 0, lossWeights(b), scratch);
  }

  private double[] lossWeights(Batch b) {
    int n = b.size();
    if (weights.length < b.steps() * n) {
      weights = new double[b.steps() * n];
    }
    for (int t = 0; t < b.steps(); t++) {
      for (int i = 0; i < n; i++) {
        weights[t * n + i] = b.weight(t, i);
      }
    }
    return weights;
  }

  private int forward(Batch b, int[] fed) {
    int positions = b.steps() * b.size();
    check(b, fed);
    ensure(positions);
    float[] v = params.values();
    int n = b.size();
    for (int p = 0; p < positions; p++) {
      hiddenAt(v, b, p / n, p % n, fed[p]);
    }
    readout.forward(v, h, 0, positions, out);
    return positions;
  }

  /** h at (t, i) = tanh(W[:, x] + U[:, fed] + b), or zeros past the sequence's length. */
  private void hiddenAt(float[] v, Batch b, int t, int i, int fed) {
    int n = b.size();
    int p = t * n + i;
    int o = p * hidden;
    if (t >= b.lengths()[i]) {
      Arrays.fill(h, o, o + hidden, 0.0f);
      return;
    }
    int x = b.tokens()[p];
    if (x < 0 || x >= vocabulary) {
      throw new IllegalArgumentException("token id " + x + " at step " + t + " of sequence " + i
          + " outside the vocabulary 0.." + (vocabulary - 1));
    }
    if (fed < 0 || fed > classes) {
      throw new IllegalArgumentException("fed class " + fed + " at step " + t + " of sequence " + i
          + " outside 0.." + classes);
    }
    for (int j = 0; j < hidden; j++) {
      h[o + j] = v[bias.offset() + j] + v[weightIh.offset() + j * vocabulary + x]
          + v[weightOh.offset() + j * (classes + 1) + fed];
    }
    DetMathF32.tanh(h, o, h, o, hidden);
  }

  private void check(Batch b, int[] fed) {
    if (b.tokens() == null || b.labels() == null || b.inputSize() != 0) {
      throw new IllegalArgumentException("an output-recurrence net reads token ids alone and class labels at every "
          + "step; the batch has " + (b.tokens() == null ? "no token ids" : b.labels() == null ? "no labels"
          : b.inputSize() + " real features per step"));
    }
    if (fed != null && fed.length != b.steps() * b.size()) {
      throw new IllegalArgumentException(fed.length + " fed classes for " + b.steps() + " x " + b.size() + " steps");
    }
  }

  private void ensure(int positions) {
    if (h.length < positions * hidden) {
      h = new float[positions * hidden];
      dh = new float[positions * hidden];
    }
    if (out.length < positions * classes) {
      out = new float[positions * classes];
      dOut = new float[positions * classes];
    }
  }

  private static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int o = 1; o < n; o++) {
      if (v[off + o] > v[off + best]) {
        best = o;
      }
    }
    return best;
  }
}
