package org.rnnlab.engine;

/**
 * A minibatch of sequences, stored time-major so that one time step of the whole batch is a
 * contiguous {@code size x features} block.
 *
 * @param steps      number of time steps T (the longest sequence)
 * @param size       number of sequences B
 * @param inputSize  real features per step (0 for token ids alone)
 * @param inputs     {@code [steps][size][inputSize]}
 * @param lengths    length of every sequence, 1..steps; steps beyond a sequence's length are
 *                   padding: the state is carried through them unchanged
 * @param targets    regression targets, {@code [size][outputs]} (last-step readout) or
 *                   {@code [steps][size][outputs]} (every-step readout); null for classification
 * @param labels     class labels, {@code [size]} or {@code [steps][size]}; null for regression
 * @param mask       every-step readout only: {@code [steps][size]}, 1 where the step has a target
 *                   and 0 where it has none; null means every step within the sequence's length
 * @param tokens     integer token ids, {@code [steps][size]} like the inputs (for an embedding
 *                   input layer), or null; ids at padding steps are never read
 */
public record Batch(
    int steps,
    int size,
    int inputSize,
    double[] inputs,
    int[] lengths,
    double[] targets,
    int[] labels,
    double[] mask,
    int[] tokens) {

  public Batch {
    if (inputs.length != steps * size * inputSize) {
      throw new IllegalArgumentException("inputs has " + inputs.length + " values, expected "
          + steps + "*" + size + "*" + inputSize);
    }
    if (lengths.length != size) {
      throw new IllegalArgumentException("lengths has " + lengths.length + " entries, expected " + size);
    }
    for (int len : lengths) {
      if (len < 1 || len > steps) {
        throw new IllegalArgumentException("sequence length " + len + " outside 1.." + steps);
      }
    }
    if ((targets == null) == (labels == null)) {
      throw new IllegalArgumentException("exactly one of targets and labels must be given");
    }
    if (mask != null && mask.length != steps * size) {
      throw new IllegalArgumentException("mask has " + mask.length + " entries, expected " + steps * size);
    }
    if (tokens != null && tokens.length != steps * size) {
      throw new IllegalArgumentException("tokens has " + tokens.length + " entries, expected " + steps * size);
    }
  }

  /** A batch of real-valued inputs only (no token ids). */
  public Batch(int steps, int size, int inputSize, double[] inputs, int[] lengths, double[] targets,
               int[] labels, double[] mask) {
    this(steps, size, inputSize, inputs, lengths, targets, labels, mask, null);
  }

  /**
   * A batch of token ids ({@code [steps][size]}) with {@code features} real features per token
   * beside them ({@code [steps][size][features]}; null when features is 0).
   */
  public static Batch ofTokens(int steps, int size, int[] tokens, int features, double[] inputs, int[] lengths,
                               double[] targets, int[] labels, double[] mask) {
    if (tokens == null) {
      throw new IllegalArgumentException("a token batch needs token ids");
    }
    if (inputs == null && features != 0) {
      throw new IllegalArgumentException(features + " features per token but no inputs");
    }
    double[] x = inputs == null ? new double[0] : inputs;
    return new Batch(steps, size, features, x, lengths, targets, labels, mask, tokens);
  }

  /** Lengths array with every sequence of full length. */
  public static int[] fullLengths(int steps, int size) {
    int[] l = new int[size];
    java.util.Arrays.fill(l, steps);
    return l;
  }

  /** Whether every sequence has the full length. */
  public boolean uniformLength() {
    for (int len : lengths) {
      if (len != steps) {
        return false;
      }
    }
    return true;
  }

  /** Weight of the target at (step, sequence) for every-step readouts: mask and length. */
  public double weight(int t, int b) {
    if (t >= lengths[b]) {
      return 0.0;
    }
    return mask == null ? 1.0 : mask[t * size + b];
  }

  /** Sequences [from, to) as a batch of their own (copies; for chunked evaluation). */
  public Batch slice(int from, int to, ReadoutMode readout) {
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return select(idx, readout);
  }

  /**
   * The sequences at {@code idx}, in that order, as a batch of their own (copies; minibatches
   * of a fixed training set). {@code readout} says how the targets are laid out.
   */
  public Batch select(int[] idx, ReadoutMode readout) {
    int n = idx.length;
    int[] len = new int[n];
    for (int i = 0; i < n; i++) {
      len[i] = lengths[idx[i]];
    }
    int targetSteps = readout == ReadoutMode.EVERY_STEP ? steps : 1;
    double[] m = mask == null ? null : gather(mask, steps, 1, idx);
    double[] tg = targets == null ? null : gather(targets, targetSteps, targets.length / (targetSteps * size), idx);
    int[] lb = labels == null ? null : gather(labels, targetSteps, idx);
    int[] tk = tokens == null ? null : gather(tokens, steps, idx);
    return new Batch(steps, n, inputSize, gather(inputs, steps, inputSize, idx), len, tg, lb, m, tk);
  }

  /** Rows {@code idx} of every step of a {@code steps x size x width} array. */
  private double[] gather(double[] a, int steps, int width, int[] idx) {
    int n = idx.length;
    double[] r = new double[steps * n * width];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(a, (t * size + idx[i]) * width, r, (t * n + i) * width, width);
      }
    }
    return r;
  }

  /** Entries {@code idx} of every step of a {@code steps x size} array. */
  private int[] gather(int[] a, int steps, int[] idx) {
    int n = idx.length;
    int[] r = new int[steps * n];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        r[t * n + i] = a[t * size + idx[i]];
      }
    }
    return r;
  }
}
