package org.rnnlab.engine.layer;

import java.util.Arrays;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.Rng;

/**
 * A learnt vector per token id (PyTorch's nn.Embedding, parameter {@code embedding.weight},
 * {@code vocabulary x dim}), optionally followed by the batch's real features of the same token
 * (e.g. word-shape features): the first recurrent layer reads [E[token]; features] at each
 * step. The table is one parameter among the others (optimiser, clipping, parameter files,
 * divergence checks); its gradient is sparse: only the rows of the tokens in the batch receive
 * one, added in a fixed order (step, then sequence). Unknown words have their own row (the
 * vocabulary's unknown-word id, trained from the rare words of the training split); ids outside
 * 0..vocabulary-1 are refused. Padding steps read no token and give zeros.
 */
public final class EmbeddingInput implements InputLayer {
  /** The parameter's name, as a torch module registered as {@code embedding} calls it. */
  public static final String WEIGHT = "embedding.weight";

  private final Param table;
  private final int vocabulary;
  private final int dim;
  private final int features;
  private final int width;
  private final /*f64*/double initStd;  // double in the float32 twin too: the same draws, rounded
  private double[] out = new double[0];
  private int[] tokens;
  private int[] lengths;
  private int size;
  private int t0;
  private int steps;

  /**
   * Declares the table.
   *
   * @param features real features per token appended to its vector (0: none)
   * @param initStd  the table starts N(0, initStd^2) (PyTorch: 1)
   */
  public EmbeddingInput(Params.Builder params, int vocabulary, int dim, int features, /*f64*/double initStd) {
    if (vocabulary < 1 || dim < 1 || features < 0) {
      throw new IllegalArgumentException("embedding needs vocabulary >= 1, dim >= 1, features >= 0; got "
          + vocabulary + ", " + dim + ", " + features);
    }
    if (!(initStd >= 0.0 && initStd < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("embedding init std must be finite and >= 0, got " + initStd);
    }
    this.table = params.add(WEIGHT, vocabulary, dim, Params.Kind.EMBEDDING, 1);
    this.vocabulary = vocabulary;
    this.dim = dim;
    this.features = features;
    this.width = dim + features;
    this.initStd = initStd;
  }

  /** Number of token ids (rows of the table). */
  public int vocabulary() {
    return vocabulary;
  }

  /** Width of a token's vector. */
  public int dim() {
    return dim;
  }

  /** The table. */
  public Param table() {
    return table;
  }

  @Override
  public int outputSize() {
    return width;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public boolean readsTokens() {
    return true;
  }

  @Override
  public boolean passthrough() {
    return false;
  }

  @Override
  public void initialize(double[] values, Rng rng) {
    Rng r = rng.child(WEIGHT);
    for (int i = 0; i < table.size(); i++) {
      values[table.offset() + i] = (double) (initStd * r.gaussian());  // float32: the double draw, rounded
    }
  }

  @Override
  public void check(Batch b) {
    if (b.tokens() == null) {
      throw new IllegalArgumentException("the model's embedding input needs token ids; the batch has none");
    }
    if (b.inputSize() != features) {
      throw new IllegalArgumentException("the model reads " + features + " real features per token beside its id, "
          + "the batch has " + b.inputSize());
    }
  }

  @Override
  public void forward(double[] values, Batch b, int t0, int steps) {
    int n = b.size();
    if (out.length < steps * n * width) {
      out = new double[steps * n * width];
    }
    this.tokens = b.tokens();
    this.lengths = b.lengths();
    this.size = n;
    this.t0 = t0;
    this.steps = steps;
    /*f64*/double[] x = b.inputs();
    for (int t = 0; t < steps; t++) {
      int s = t0 + t;
      for (int i = 0; i < n; i++) {
        int o = (t * n + i) * width;
        if (s < lengths[i]) {
          int id = tokens[s * n + i];
          if (id < 0 || id >= vocabulary) {
            throw new IllegalArgumentException("token id " + id + " at step " + s + " of sequence " + i
                + " outside the vocabulary 0.." + (vocabulary - 1));
          }
          System.arraycopy(values, table.offset() + id * dim, out, o, dim);
        } else {
          Arrays.fill(out, o, o + dim, 0.0);
        }
        FloatKernels.round(x, (s * n + i) * features, out, o + dim, features);
      }
    }
  }

  @Override
  public double[] output() {
    return out;
  }

  @Override
  public int outputOffset() {
    return 0;
  }

  @Override
  public void backward(double[] grads, double[] dOut, double[] dx) {
    int n = size;
    for (int t = 0; t < steps; t++) {
      int s = t0 + t;
      for (int i = 0; i < n; i++) {
        int o = (t * n + i) * width;
        if (s < lengths[i]) {
          int g = table.offset() + tokens[s * n + i] * dim;
          for (int j = 0; j < dim; j++) {
            grads[g + j] += dOut[o + j];
          }
        }
        if (dx != null) {
          System.arraycopy(dOut, o + dim, dx, (t * n + i) * features, features);
        }
      }
    }
  }
}
