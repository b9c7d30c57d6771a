package org.rnnlab.engine.seq2seq;

import java.util.Arrays;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.Rng;

/**
 * A learnt vector per token id (nn.Embedding, {@code vocabulary x dim}, starting N(0, 1) as in
 * PyTorch and {@code engine/layer/EmbeddingInput}) read from time-major ids with lengths, written
 * into rows of a wider buffer so that the caller can put other features (the context) beside it.
 * Padding steps read no id and give zeros; the gradient of a row is added in a fixed order (step,
 * then sequence).
 */
final class TokenTable {
  private final Param table;
  private final int vocabulary;
  private final int dim;

  /** Declares {@code name} ({@code vocabulary x dim}). */
  TokenTable(Params.Builder params, String name, int vocabulary, int dim) {
    this.table = params.add(name, vocabulary, dim, Params.Kind.EMBEDDING, 1);
    this.vocabulary = vocabulary;
    this.dim = dim;
  }

  int vocabulary() {
    return vocabulary;
  }

  int dim() {
    return dim;
  }

  /** N(0, 1) from the stream {@code rng.child(name)}. */
  void initialize(double[] values, Rng rng) {
    Rng r = rng.child(table.name());
    for (int i = 0; i < table.size(); i++) {
      values[table.offset() + i] = (double) (r.gaussian()); // in the float twin: the same draw, rounded
    }
  }

  /** Refuses an id outside the vocabulary, naming what it was. */
  void check(int id, String what, int step, int row) {
    if (id < 0 || id >= vocabulary) {
      throw new IllegalArgumentException(what + " id " + id + " at step " + step + " of pair " + row
          + " outside the vocabulary 0.." + (vocabulary - 1));
    }
  }

  /** Copies the vector of {@code id} to {@code out[o .. o + dim)}. */
  void lookup(double[] values, int id, double[] out, int o) {
    System.arraycopy(values, table.offset() + id * dim, out, o, dim);
  }

  /**
   * Row (t, b) of {@code out} (row stride {@code stride}) gets the vector of {@code ids[t * batch + b]}
   * for t &lt; lengths[b], zeros past it.
   */
  void forward(double[] values, int[] ids, int[] lengths, int steps, int batch, double[] out, int stride,
               String what) {
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        int o = (t * batch + b) * stride;
        if (t < lengths[b]) {
          int id = ids[t * batch + b];
          check(id, what, t, b);
          lookup(values, id, out, o);
        } else {
          Arrays.fill(out, o, o + dim, 0.0);
        }
      }
    }
  }

  /** Adds dL/d(row) ({@code dOut}, row stride {@code stride}) into the rows of the ids read. */
  void backward(double[] grads, int[] ids, int[] lengths, int steps, int batch, double[] dOut, int stride) {
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        if (t < lengths[b]) {
          int g = table.offset() + ids[t * batch + b] * dim;
          int o = (t * batch + b) * stride;
          for (int j = 0; j < dim; j++) {
            grads[g + j] += dOut[o + j];
          }
        }
      }
    }
  }
}
