package org.rnnlab.engine;

/**
 * A minibatch of sequences, stored time-major so that one time step of the whole batch is a
 * contiguous {@code size x features} block.
 *
 * @param steps      number of time steps T (the longest sequence)
 * @param size       number of sequences B
 * @param inputSize  features per step
 * @param inputs     {@code [steps][size][inputSize]}
 * @param lengths    length of every sequence, 1..steps; steps beyond a sequence's length are
 *                   padding: the state is carried through them unchanged
 * @param targets    regression targets, {@code [size][outputs]} (last-step readout) or
 *                   {@code [steps][size][outputs]} (every-step readout); null for classification
 * @param labels     class labels, {@code [size]} or {@code [steps][size]}; null for regression
 * @param mask       every-step readout only: {@code [steps][size]}, 1 where the step has a target
 *                   and 0 where it has none; null means every step within the sequence's length
 */
public record Batch(
    int steps,
    int size,
    int inputSize,
    double[] inputs,
    int[] lengths,
    double[] targets,
    int[] labels,
    double[] mask) {

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
}
