// Generated from src/main/java/org/rnnlab/engine/seq2seq/AdditiveAttention.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change AdditiveAttention.java and run `make generate`.
package org.rnnlab.engine.seq2seq;

import java.util.Arrays;
import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.GemmF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;

/**
 * Additive attention (Bahdanau et al. 2015, eq. 6's score; Goodfellow 10.4's "sequence of
 * vectors" context): for a query q and the encoder's outputs h_1..h_n of one source,
 * e_j = v · tanh(W_q q + W_k h_j + b), α = softmax(e) over the source's valid positions j &lt; n,
 * c = Σ_j α_j h_j. The keys W_k h_j + b depend on the source alone, so they are computed once per
 * source ({@link Memory}) and reused by every query. Parameters, as a torch module {@code attention}
 * with {@code query = nn.Linear(q, A, bias=False)}, {@code key = nn.Linear(h, A)},
 * {@code v = nn.Linear(A, 1, bias=False)} names them: {@code attention.query.weight} (A x q),
 * {@code attention.key.weight} (A x h), {@code attention.key.bias} (A), {@code attention.v.weight}
 * (1 x A). Every sum runs in a fixed order, row by row, so a query's context has the same bits
 * whether it is computed in a batch of many rows or alone.
 */
public final class AdditiveAttentionF32 {
  private final Param wq;
  private final Param wk;
  private final Param bk;
  private final Param v;
  private final int dim;
  private final int queryWidth;
  private final int memoryWidth;
  private final float[] wqT;   // queryWidth x dim
  private final float[] wkT;   // memoryWidth x dim

  /**
   * The encoder's outputs of a batch of sources with their keys, fixed per source: queries of row r
   * read source {@code r % batch} (a batch of 1 is shared by every row, e.g. a beam's hypotheses).
   */
  public static final class Memory {
    float[] h = new float[0];     // steps x batch x memoryWidth
    float[] keys = new float[0];  // steps x batch x dim: W_k h_j + b
    int[] lengths = new int[0];
    int steps;
    int batch;
  }

  /** What one forward pass leaves for its backward pass and for attention maps. */
  public static final class Work {
    float[] qp = new float[0];     // rows x dim: W_q q
    float[] act = new float[0];    // rows x steps x dim: tanh(W_q q + W_k h_j + b)
    float[] alpha = new float[0];  // rows x steps: α (0 past the source's length)
    float[] dqp = new float[0];    // rows x dim
    float[] dkeys = new float[0];  // steps x batch x dim
    float[] dz = new float[0];     // dim
    float[] da = new float[0];     // steps: dL/dα of one row
    int rows;
  }

  /** Declares the four parameters (names above). */
  AdditiveAttentionF32(ParamsF32.Builder params, int queryWidth, int memoryWidth, int dim) {
    this.queryWidth = queryWidth;
    this.memoryWidth = memoryWidth;
    this.dim = dim;
    params.prefix("attention.");
    this.wq = params.add("query.weight", dim, queryWidth, ParamsF32.Kind.INPUT_WEIGHT, 1);
    this.wk = params.add("key.weight", dim, memoryWidth, ParamsF32.Kind.INPUT_WEIGHT, 1);
    this.bk = params.add("key.bias", 1, dim, ParamsF32.Kind.BIAS, 1);
    this.v = params.add("v.weight", 1, dim, ParamsF32.Kind.OUTPUT_WEIGHT, 1);
    params.prefix("");
    this.wqT = new float[queryWidth * dim];
    this.wkT = new float[memoryWidth * dim];
  }

  /** Width A of the score's hidden layer. */
  public int dim() {
    return dim;
  }

  /** nn.Linear's bound 1/sqrt(fan_in) given to {@code init}, child streams named as the parameters. */
  void initialize(float[] values, Initializer init, Rng rng) {
    init.fill(values, wq.offset(), dim, queryWidth, 1.0f / (float) Math.sqrt(queryWidth), rng.child("query.weight"));
    init.fill(values, wk.offset(), dim, memoryWidth, 1.0f / (float) Math.sqrt(memoryWidth), rng.child("key.weight"));
    init.fillBias(values, bk.offset(), dim, 1.0f / (float) Math.sqrt(memoryWidth), rng.child("key.bias"));
    init.fill(values, v.offset(), 1, dim, 1.0f / (float) Math.sqrt(dim), rng.child("v.weight"));
  }

  private static void transpose(float[] values, Param p, float[] dst) {
    int r = p.rows();
    int c = p.cols();
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        dst[j * r + i] = values[p.offset() + i * c + j];
      }
    }
  }

  /**
   * Copies the encoder's outputs of {@code batch} sources ({@code steps x batch x memoryWidth} at
   * hOff) into {@code m} and computes their keys W_k h_j + b (allocates only to grow).
   */
  void setMemory(float[] values, Memory m, float[] h, int hOff, int steps, int batch, int[] lengths) {
    int n = steps * batch;
    if (m.h.length < n * memoryWidth) {
      m.h = new float[n * memoryWidth];
    }
    if (m.keys.length < n * dim) {
      m.keys = new float[n * dim];
    }
    if (m.lengths.length < batch) {
      m.lengths = new int[batch];
    }
    System.arraycopy(h, hOff, m.h, 0, n * memoryWidth);
    System.arraycopy(lengths, 0, m.lengths, 0, batch);
    m.steps = steps;
    m.batch = batch;
    transpose(values, wk, wkT);
    for (int r = 0; r < n; r++) {
      System.arraycopy(values, bk.offset(), m.keys, r * dim, dim);
    }
    GemmF32.mult(n, dim, memoryWidth, m.h, 0, memoryWidth, 1, wkT, 0, dim, m.keys, 0, dim, true);
  }

  private void ensure(Work w, int rows, int steps, int batch) {
    if (w.qp.length < rows * dim) {
      w.qp = new float[rows * dim];
      w.dqp = new float[rows * dim];
    }
    if (w.act.length < rows * steps * dim) {
      w.act = new float[rows * steps * dim];
    }
    if (w.alpha.length < rows * steps) {
      w.alpha = new float[rows * steps];
    }
    if (w.dkeys.length < steps * batch * dim) {
      w.dkeys = new float[steps * batch * dim];
    }
    if (w.dz.length < dim) {
      w.dz = new float[dim];
    }
    if (w.da.length < steps) {
      w.da = new float[steps];
    }
    w.rows = rows;
  }

  /**
   * Contexts of {@code rows} queries ({@code queryWidth} wide, row stride qStride at qOff): row r's
   * context c_r goes to {@code ctx[ctxOff + r * ctxStride ..]}, its weights α to {@code w}.
   */
  void forward(float[] values, Work w, Memory m, float[] q, int qOff, int qStride, int rows, float[] ctx,
               int ctxOff, int ctxStride) {
    int ts = m.steps;
    ensure(w, rows, ts, m.batch);
    transpose(values, wq, wqT);
    GemmF32.mult(rows, dim, queryWidth, q, qOff, qStride, 1, wqT, 0, dim, w.qp, 0, dim, false);
    int vo = v.offset();
    for (int r = 0; r < rows; r++) {
      int b = r % m.batch;
      int len = m.lengths[b];
      int ao = r * ts;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < len; j++) {
        int ko = (j * m.batch + b) * dim;
        int zo = (ao + j) * dim;
        DetMathF32.tanhOfSum(w.qp, r * dim, m.keys, ko, w.act, zo, dim);
        float e = 0.0f;
        for (int a = 0; a < dim; a++) {
          e += values[vo + a] * w.act[zo + a];
        }
        w.alpha[ao + j] = e;
        max = Math.max(max, e);
      }
      float s = 0.0f;
      for (int j = 0; j < len; j++) {
        float x = DetMathF32.exp(w.alpha[ao + j] - max);
        w.alpha[ao + j] = x;
        s += x;
      }
      Arrays.fill(w.alpha, ao + len, ao + ts, 0.0f);
      int co = ctxOff + r * ctxStride;
      Arrays.fill(ctx, co, co + memoryWidth, 0.0f);
      for (int j = 0; j < len; j++) {
        float a = w.alpha[ao + j] / s;
        w.alpha[ao + j] = a;
        int ho = (j * m.batch + b) * memoryWidth;
        for (int i = 0; i < memoryWidth; i++) {
          ctx[co + i] += a * m.h[ho + i];
        }
      }
    }
  }

  /**
   * Back-propagates dL/dc of the last {@link #forward} ({@code dCtx[dOff + r * dStride ..]}): adds
   * the parameter gradients, dL/dq to {@code dq[dqOff + r * dqStride ..]} and dL/dh_j to
   * {@code dh} ({@code steps x batch x memoryWidth}, added to).
   */
  void backward(float[] values, float[] grads, Work w, Memory m, float[] q, int qOff, int qStride,
                float[] dCtx, int dOff, int dStride, float[] dq, int dqOff, int dqStride, float[] dh) {
    int ts = m.steps;
    int rows = w.rows;
    int vo = v.offset();
    Arrays.fill(w.dkeys, 0, ts * m.batch * dim, 0.0f);
    Arrays.fill(w.dqp, 0, rows * dim, 0.0f);
    float[] dz = w.dz;
    for (int r = 0; r < rows; r++) {
      int b = r % m.batch;
      int len = m.lengths[b];
      int ao = r * ts;
      int co = dOff + r * dStride;
      // dα_j = dc · h_j, then through the softmax: de_j = α_j (dα_j - Σ_k α_k dα_k)
      float mean = 0.0f;
      for (int j = 0; j < len; j++) {
        int ho = (j * m.batch + b) * memoryWidth;
        float a = w.alpha[ao + j];
        float da = 0.0f;
        for (int i = 0; i < memoryWidth; i++) {
          da += dCtx[co + i] * m.h[ho + i];
          dh[ho + i] += a * dCtx[co + i];
        }
        w.da[j] = da;
        mean += a * da;
      }
      for (int j = 0; j < len; j++) {
        float a = w.alpha[ao + j];
        float de = a * (w.da[j] - mean);
        int zo = (ao + j) * dim;
        int ko = (j * m.batch + b) * dim;
        for (int k = 0; k < dim; k++) {
          float z = w.act[zo + k];
          grads[vo + k] += de * z;
          dz[k] = de * values[vo + k] * (1.0f - z * z);
          w.dqp[r * dim + k] += dz[k];
          w.dkeys[ko + k] += dz[k];
        }
      }
    }
    int n = ts * m.batch;
    // W_q: grad += dqp^T Q; dq += dqp W_q.  W_k, b: grad += dkeys^T H, Σ dkeys; dh += dkeys W_k
    GemmF32.mult(dim, queryWidth, rows, w.dqp, 0, 1, dim, q, qOff, qStride, grads, wq.offset(), queryWidth, true);
    GemmF32.mult(rows, queryWidth, dim, w.dqp, 0, dim, 1, values, wq.offset(), queryWidth, dq, dqOff, dqStride, true);
    GemmF32.mult(dim, memoryWidth, n, w.dkeys, 0, 1, dim, m.h, 0, memoryWidth, grads, wk.offset(), memoryWidth, true);
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < dim; k++) {
        grads[bk.offset() + k] += w.dkeys[r * dim + k];
      }
    }
    GemmF32.mult(n, memoryWidth, dim, w.dkeys, 0, dim, 1, values, wk.offset(), memoryWidth, dh, 0, memoryWidth, true);
  }

  /** α of the last forward pass of {@code w}: {@code [rows][steps]} flattened, row r at {@code r * steps}. */
  static float[] weights(Work w) {
    return w.alpha;
  }
}
