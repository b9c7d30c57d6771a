// Generated from src/main/java/org/rnnlab/engine/seq2seq/EncoderDecoder.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change EncoderDecoder.java and run `make generate`.
package org.rnnlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.CellConfigF32;
import org.rnnlab.engine.cell.RecurrentLayerF32;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayerF32;
import org.rnnlab.engine.layer.LinearReadoutF32;
import org.rnnlab.engine.layer.SequenceLayerF32;
import org.rnnlab.engine.layer.UnidirectionalLayerF32;
import org.rnnlab.engine.loss.LogSoftmax;
import org.rnnlab.engine.loss.CrossEntropyLossF32;

/**
 * An RNN encoder–decoder (Goodfellow 10.4, fig. 10.12; Cho et al. 2014; Sutskever et al. 2014):
 * an encoder reads the source x_1..x_{n_x} (embedded ids, a stack of recurrent layers, uni- or
 * bidirectional) into a context C, its top layer's summary (each source's output at its own last
 * step; bidirectional: both directions' final states concatenated); a decoder (embedded previous
 * target token, a unidirectional stack, a linear readout over the target vocabulary, softmax)
 * models P(y_1..y_{n_y} | x) one token at a time. The loss is the softmax cross-entropy summed
 * over every target token (the end symbol included) and divided by {@link PairBatch#targetTokens()}:
 * the mean negative log-likelihood per target token.
 *
 * <p>The decoder's initial state: when encoder and decoder have the same cell type, layer count and
 * hidden size, the encoder is unidirectional and no bridge is asked for, the encoder's final state
 * passes directly, layer by layer, every part (LSTM h and c), as an {@code nn.LSTM} encoder's
 * {@code (h_n, c_n)} into an {@code nn.LSTM} decoder. Otherwise a learned bridge: decoder layer k
 * starts from h0 = tanh(W_k C + b_k), its other parts (LSTM c) zero (Bahdanau et al. 2015, appendix A:
 * s_0 = tanh(W_s h_1)). Optionally C is also concatenated to the decoder's input at every step (Cho et
 * al. 2014), and optionally an {@link AdditiveAttention} context c_t over the encoder's top-layer
 * outputs is read beside the decoder's top state.
 *
 * <p>Attention placement: the query q_t is the decoder's top state s_t of the same step and the
 * readout reads [s_t; c_t] (Luong et al. 2015's placement, with Bahdanau's additive score), not
 * Bahdanau's s_{t-1} feeding c_t into the recurrence. So the decoder stays a plain recurrent stack run
 * over the whole target in one pass, and teacher forcing is one forward and one backward pass of
 * layers that already exist; attention sits between the stack and the readout.
 *
 * <p>Fed tokens: training reads {@code fed[t][b]}, the token given to the decoder at step t (teacher
 * forcing: START then the target shifted by one; free running and scheduled sampling: tokens the
 * model chose, see {@link #chooseFed}). They are constants of the loss: a chosen token is a discrete
 * choice, and no gradient flows through it.
 *
 * <p>Parameter names, as a torch module with the attributes {@code encoder_embedding},
 * {@code encoder} (nn.LSTM/GRU/RNN), {@code decoder_embedding}, {@code decoder}, {@code bridge}
 * (an nn.ModuleList of nn.Linear), {@code attention} and {@code readout} (nn.Linear) names them in its
 * state_dict: {@code encoder_embedding.weight}, {@code encoder.weight_ih_l0}, ...,
 * {@code decoder.weight_hh_l1}, {@code bridge.0.weight}, {@code attention.key.bias},
 * {@code readout.weight}. Buffers are kept between calls and only grow: nothing is allocated per
 * step once warmed for the largest shape. Cells may be normalised; batch norm's initial-state noise
 * is not drawn (every decoder state starts from the encoder's).
 */
public final class EncoderDecoderF32 {
  /** Decides, at decoder step t &gt;= 1, whether row b is fed the model's own previous token (true) or the true one. */
  @FunctionalInterface
  public interface FeedPolicy {
    /** Whether row {@code row} is fed the model's own prediction at step {@code step} (&gt;= 1). */
    boolean useModel(int step, int row);
  }

  /**
   * A batch of sources encoded for step-by-step decoding: the decoder's initial state, the context
   * and the attention memory of each source, fixed while decoding. Decoder row r reads source
   * {@code r % batch()} (one source is shared by every row, e.g. a beam's hypotheses).
   */
  public static final class Encoded {
    private int batch;
    private float[] ctx = new float[0];            // batch x contextWidth
    private float[][][] init;                       // [layer][part][batch x decoder hidden]
    private final AdditiveAttentionF32.Memory memory = new AdditiveAttentionF32.Memory();
    private final AdditiveAttentionF32.Work work = new AdditiveAttentionF32.Work();

    /** Number of sources. */
    public int batch() {
      return batch;
    }
  }

  private final ParamsF32 params;
  private final float[] values;  // params' array (its identity never changes), read by the step path
  private final TokenTableF32 srcEmb;
  private final TokenTableF32 tgtEmb;
  private final List<SequenceLayerF32> enc;
  private final List<SequenceLayerF32> dec;
  private final Param[] bridgeW;  // null: direct state passing
  private final Param[] bridgeB;
  private final AdditiveAttentionF32 attention;  // null: none
  private final LinearReadoutF32 readout;
  private final CrossEntropyLossF32 loss = new CrossEntropyLossF32();
  private final int es;
  private final int vt;
  private final int he;
  private final int cw;         // context width: the encoder's top output width
  private final int hd;
  private final int parts;      // decoder state parts
  private final int decIn;      // decoder input width: target embedding (+ context)
  private final int readIn;     // readout input width: hd (+ cw)
  private final int encInner;   // widest input of encoder layers 1..
  private final boolean bridged;
  private final boolean contextEveryStep;
  private final boolean bidirectional;
  private boolean training = true;

  // the sequence (training) path
  private int ts;
  private int tt;
  private int batch;
  private int[] srcIds;
  private int[] srcLen;
  private int[] tgtLabels;
  private int[] tgtLen;
  private int[] fedIds;
  private float[] encIn = new float[0];
  private float[] dEncIn = new float[0];
  private float[] encDxA = new float[0];
  private float[] encDxB = new float[0];
  private float[] ctx = new float[0];
  private float[] dCtx = new float[0];
  private float[] dEncTop = new float[0];
  private float[][][] decInit;
  private float[][][] encDFinal;
  private float[] decInBuf = new float[0];
  private float[] dDecIn = new float[0];
  private float[] readBuf = new float[0];
  private float[] dRead = new float[0];
  private float[] dTop = new float[0];
  private float[] decDxA = new float[0];
  private float[] decDxB = new float[0];
  private float[] logits = new float[0];
  private float[] dLogits = new float[0];
  private double[] weights = new double[0];
  private final AdditiveAttentionF32.Memory seqMemory = new AdditiveAttentionF32.Memory();
  private final AdditiveAttentionF32.Work seqWork = new AdditiveAttentionF32.Work();
  private int seqRows;          // rows of the last sequence pass's attention (0: none yet)
  // tests: added to C after encoding, and dL/dC kept (the context as the bridge and every step read it)
  float[] contextShift;
  float[] contextGradient;

  // the step path
  private float[] stepIn = new float[0];
  private float[] stepRead = new float[0];
  private final Encoded decodeSrc = new Encoded();
  private float[][][] decodeState;
  private int[] stepTokens = new int[0];
  private float[] stepLogits = new float[0];
  private double[] rowLp = new double[0];

  private EncoderDecoderF32(Builder s) {
    if (s.srcVocab < 1 || s.srcDim < 1 || s.tgtDim < 1) {
      throw new IllegalArgumentException("an encoder-decoder needs source and target vocabularies and embedding dims");
    }
    if (s.tgtVocab < 2) {
      throw new IllegalArgumentException("the target vocabulary must hold the start and end symbols (>= 2 ids), got "
          + s.tgtVocab);
    }
    if (s.encCell == null || s.decCell == null) {
      throw new IllegalArgumentException("an encoder-decoder needs an encoder and a decoder");
    }
    ParamsF32.Builder b = new ParamsF32.Builder();
    b.prefix("");
    this.srcEmb = new TokenTableF32(b, "encoder_embedding.weight", s.srcVocab, s.srcDim);
    b.prefix("encoder.");
    List<SequenceLayerF32> e = new ArrayList<>();
    int width = s.srcDim;
    int inner = 0;
    for (int k = 0; k < s.encLayers; k++) {
      if (k > 0) {
        inner = Math.max(inner, width);
      }
      SequenceLayerF32 l = s.bidirectional
          ? new BidirectionalLayerF32(b, s.encCell, k, width, s.encHidden, BidirectionalLayerF32.Merge.CONCAT)
          : new UnidirectionalLayerF32(b, s.encCell, k, width, s.encHidden);
      e.add(l);
      width = l.outputSize();
    }
    this.enc = Collections.unmodifiableList(e);
    this.cw = width;
    b.prefix("");
    this.tgtEmb = new TokenTableF32(b, "decoder_embedding.weight", s.tgtVocab, s.tgtDim);
    this.decIn = s.tgtDim + (s.contextEveryStep ? cw : 0);
    b.prefix("decoder.");
    List<SequenceLayerF32> d = new ArrayList<>();
    width = decIn;
    for (int k = 0; k < s.decLayers; k++) {
      SequenceLayerF32 l = new UnidirectionalLayerF32(b, s.decCell, k, width, s.decHidden);
      d.add(l);
      width = l.outputSize();
    }
    this.dec = Collections.unmodifiableList(d);
    b.prefix("");
    RecurrentLayerF32 e0 = enc.get(0).directions().get(0);
    RecurrentLayerF32 d0 = dec.get(0).directions().get(0);
    boolean direct = !s.bridge && !s.bidirectional && e0.getClass() == d0.getClass()
        && s.encLayers == s.decLayers && s.encHidden == s.decHidden;
    this.bridged = !direct;
    if (bridged) {
      bridgeW = new Param[s.decLayers];
      bridgeB = new Param[s.decLayers];
      for (int k = 0; k < s.decLayers; k++) {
        bridgeW[k] = b.add("bridge." + k + ".weight", s.decHidden, cw, ParamsF32.Kind.INPUT_WEIGHT, 1);
        bridgeB[k] = b.add("bridge." + k + ".bias", 1, s.decHidden, ParamsF32.Kind.BIAS, 1);
      }
    } else {
      bridgeW = null;
      bridgeB = null;
    }
    this.attention = s.attentionDim > 0 ? new AdditiveAttentionF32(b, s.decHidden, cw, s.attentionDim) : null;
    this.readIn = s.decHidden + (attention != null ? cw : 0);
    this.readout = new LinearReadoutF32(b, readIn, s.tgtVocab, ReadoutMode.EVERY_STEP);
    this.params = b.build();
    this.values = params.values();
    this.es = s.srcDim;
    this.vt = s.tgtVocab;
    this.he = s.encHidden;
    this.hd = s.decHidden;
    this.parts = dec.get(0).stateParts();
    this.encInner = inner;
    this.contextEveryStep = s.contextEveryStep;
    this.bidirectional = s.bidirectional;
  }

  /** Starts declaring a model. */
  public static Builder builder() {
    return new Builder();
  }

  /** The parameters (values and gradients), names as in the class comment. */
  public ParamsF32 params() {
    return params;
  }

  /** Number of target ids (START and END included): the readout's outputs. */
  public int targetVocabulary() {
    return vt;
  }

  /** Number of source ids. */
  public int sourceVocabulary() {
    return srcEmb.vocabulary();
  }

  /** Whether the decoder starts from a learned bridge of C (else from the encoder's final state itself). */
  public boolean bridged() {
    return bridged;
  }

  /** Whether the model has attention. */
  public boolean hasAttention() {
    return attention != null;
  }

  /** Width of the context C (encoder hidden, doubled if bidirectional). */
  public int contextWidth() {
    return cw;
  }

  /** Draws every weight with PyTorch's defaults (uniform ±1/sqrt(fan_in), embeddings N(0, 1)). */
  public void initialize(Rng rng) {
    PyTorchInit init = new PyTorchInit();
    initialize(init, init, rng);
  }

  /**
   * Draws every weight from child streams of {@code rng} named after the components
   * ({@code encoder_embedding.weight}, {@code encoder} then {@code layer{k}}, {@code decoder_embedding.weight},
   * {@code decoder}, {@code bridge} then k, {@code attention}, {@code readout.weight}): input-side and
   * linear weights from weightInit with nn.Linear's bound, recurrent ones from recurrentInit.
   */
  public void initialize(Initializer weightInit, Initializer recurrentInit, Rng rng) {
    float[] v = params.values();
    srcEmb.initialize(v, rng);
    for (SequenceLayerF32 l : enc) {
      l.initialize(v, weightInit, recurrentInit, rng.child("encoder"));
    }
    tgtEmb.initialize(v, rng);
    for (SequenceLayerF32 l : dec) {
      l.initialize(v, weightInit, recurrentInit, rng.child("decoder"));
    }
    if (bridged) {
      float bound = 1.0f / (float) Math.sqrt(cw);
      for (int k = 0; k < bridgeW.length; k++) {
        Rng r = rng.child("bridge").child(k);
        weightInit.fill(v, bridgeW[k].offset(), hd, cw, bound, r.child("weight"));
        weightInit.fillBias(v, bridgeB[k].offset(), hd, bound, r.child("bias"));
      }
    }
    if (attention != null) {
      attention.initialize(v, weightInit, rng.child("attention"));
    }
    readout.initialize(v, weightInit, rng);
  }

  /** Training (true) or evaluation mode of every layer (batch norm: batch or running statistics). */
  public void setTraining(boolean on) {
    training = on;
    for (SequenceLayerF32 l : enc) {
      l.setTraining(on);
    }
    for (SequenceLayerF32 l : dec) {
      l.setTraining(on);
    }
  }

  /** The mode last set. */
  public boolean training() {
    return training;
  }

  /**
   * Writes teacher forcing's fed tokens into the first {@code [targetSteps][size]} of {@code fed}: START at
   * step 0, then target[t-1].
   */
  public static void teacherForcing(PairBatch b, int[] fed) {
    checkFed(b, fed);
    int n = b.size();
    for (int i = 0; i < n; i++) {
      fed[i] = PairBatch.START;
    }
    for (int t = 1; t < b.targetSteps(); t++) {
      for (int i = 0; i < n; i++) {
        fed[t * n + i] = t < b.targetLengths()[i] ? b.target(t - 1, i) : PairBatch.START;
      }
    }
  }

  /** A fed-token buffer holds at least {@code [targetSteps][size]} ids, so a caller can reuse one across batch shapes. */
  private static void checkFed(PairBatch b, int[] fed) {
    if (fed.length < b.targetSteps() * b.size()) {
      throw new IllegalArgumentException("fed tokens: " + fed.length + " ids for " + b.targetSteps() + " steps of "
          + b.size() + " pairs, expected at least " + b.targetSteps() * b.size());
    }
  }

  /**
   * Loss (mean per target token) of the decoder fed {@code fed} ({@code [targetSteps][size]}, constants:
   * no gradient flows through a choice of token), with every parameter's gradient added to
   * {@code params().grads()}. Runs in the current mode.
   */
  public double forwardBackward(PairBatch b, int[] fed) {
    double value = forward(b, fed);
    backward();
    return value;
  }

  /** The loss of {@link #forwardBackward} without the backward pass (in the current mode; set evaluation mode first to evaluate). */
  public double loss(PairBatch b, int[] fed) {
    return forward(b, fed);
  }

  /**
   * The attention weights α of the last {@link #forwardBackward} or {@link #loss} pass,
   * {@code [targetSteps][size][sourceSteps]} (0 past a source's length); null without attention.
   * Decoding does not change them.
   */
  public float[][][] attentionWeights() {
    if (attention == null || seqRows == 0) {
      return null;
    }
    float[] a = AdditiveAttentionF32.weights(seqWork);
    float[][][] out = new float[tt][batch][ts];
    for (int t = 0; t < tt; t++) {
      for (int i = 0; i < batch; i++) {
        System.arraycopy(a, (t * batch + i) * ts, out[t][i], 0, ts);
      }
    }
    return out;
  }

  private static double[] growDouble(double[] a, int n) {
    return a.length >= n ? a : new double[n];
  }

  private static float[] grow(float[] a, int n) {
    return a.length < n ? new float[n] : a;
  }

  private static float[][][] grow(float[][][] a, List<SequenceLayerF32> layers, int batch) {
    if (a != null && a[0][0].length >= batch * layers.get(0).stateWidth()) {
      return a;
    }
    float[][][] s = new float[layers.size()][][];
    for (int k = 0; k < s.length; k++) {
      s[k] = new float[layers.get(k).stateParts()][batch * layers.get(k).stateWidth()];
    }
    return s;
  }

  /** Runs the encoder over {@code steps x batch} ids and leaves C in ctx and the decoder's initial state in decInit. */
  private void encode(float[] v, int[] ids, int[] lengths, int steps, int n) {
    int rows = steps * n;
    encIn = grow(encIn, rows * es);
    dEncIn = grow(dEncIn, rows * es);
    encDxA = grow(encDxA, rows * encInner);
    encDxB = grow(encDxB, rows * encInner);
    ctx = grow(ctx, n * cw);
    dCtx = grow(dCtx, n * cw);
    dEncTop = grow(dEncTop, attention != null ? rows * cw : 0);
    decInit = grow(decInit, dec, n);
    if (!bridged) {
      encDFinal = grow(encDFinal, enc, n);
    }
    srcEmb.forward(v, ids, lengths, steps, n, encIn, es, "source");
    float[] x = encIn;
    int xOff = 0;
    for (SequenceLayerF32 l : enc) {
      l.forward(v, x, xOff, steps, n, lengths, 0, null);
      x = l.output();
      xOff = l.outputOffset();
    }
    SequenceLayerF32 top = enc.get(enc.size() - 1);
    System.arraycopy(top.summary(), top.summaryOffset(), ctx, 0, n * cw);
    if (contextShift != null) {
      for (int i = 0; i < n * cw; i++) {
        ctx[i] += contextShift[i];
      }
    }
    if (bridged) {
      for (int k = 0; k < dec.size(); k++) {
        float[] h = decInit[k][0];
        int wo = bridgeW[k].offset();
        int bo = bridgeB[k].offset();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < hd; j++) {
            float s = v[bo + j];
            for (int c = 0; c < cw; c++) {
              s += v[wo + j * cw + c] * ctx[i * cw + c];
            }
            h[i * hd + j] = DetMathF32.tanh(s);
          }
        }
        for (int p = 1; p < parts; p++) {
          Arrays.fill(decInit[k][p], 0, n * hd, 0.0f);
        }
      }
    } else {
      for (int k = 0; k < enc.size(); k++) {
        enc.get(k).finalState(decInit[k]);
      }
    }
  }

  private void ensureDecoder(int rows) {
    decInBuf = grow(decInBuf, rows * decIn);
    dDecIn = grow(dDecIn, rows * decIn);
    readBuf = grow(readBuf, attention != null ? rows * readIn : 0);
    dRead = grow(dRead, rows * readIn);
    dTop = grow(dTop, rows * hd);
    decDxA = grow(decDxA, rows * hd);
    decDxB = grow(decDxB, rows * hd);
    logits = grow(logits, rows * vt);
    dLogits = grow(dLogits, rows * vt);
    weights = growDouble(weights, rows);
  }

  private double forward(PairBatch b, int[] fed) {
    checkFed(b, fed);
    float[] v = params.values();
    int n = b.size();
    ts = b.sourceSteps();
    tt = b.targetSteps();
    batch = n;
    srcIds = b.source();
    srcLen = b.sourceLengths();
    tgtLabels = b.target();
    tgtLen = b.targetLengths();
    fedIds = fed;
    encode(v, srcIds, srcLen, ts, n);
    SequenceLayerF32 encTop = enc.get(enc.size() - 1);
    if (attention != null) {
      attention.setMemory(v, seqMemory, encTop.output(), encTop.outputOffset(), ts, n, srcLen);
    }
    int rows = tt * n;
    ensureDecoder(rows);
    tgtEmb.forward(v, fed, tgtLen, tt, n, decInBuf, decIn, "fed");
    if (contextEveryStep) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(ctx, (r % n) * cw, decInBuf, r * decIn + tgtEmb.dim(), cw);
      }
    }
    float[] x = decInBuf;
    int xOff = 0;
    for (int k = 0; k < dec.size(); k++) {
      SequenceLayerF32 l = dec.get(k);
      l.forward(v, x, xOff, tt, n, tgtLen, 0, decInit[k]);
      x = l.output();
      xOff = l.outputOffset();
    }
    if (attention != null) {
      attention.forward(v, seqWork, seqMemory, x, xOff, hd, rows, readBuf, hd, readIn);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(x, xOff + r * hd, readBuf, r * readIn, hd);
      }
      seqRows = rows;
      readout.forward(v, readBuf, 0, rows, logits);
    } else {
      readout.forward(v, x, xOff, rows, logits);
    }
    for (int t = 0; t < tt; t++) {
      for (int i = 0; i < n; i++) {
        weights[t * n + i] = t < tgtLen[i] ? 1.0f : 0.0f;
      }
    }
    // Σ over target tokens / targetTokens(): the weights sum to exactly that count
    return loss.evaluate(logits, rows, vt, null, tgtLabels, 0, weights, dLogits);
  }

  private void backward() {
    float[] g = params.grads();
    float[] v = values;
    int n = batch;
    int rows = tt * n;
    SequenceLayerF32 top = dec.get(dec.size() - 1);
    if (attention != null) {
      readout.backward(v, g, dLogits, readBuf, 0, rows, dRead);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(dRead, r * readIn, dTop, r * hd, hd);
      }
      Arrays.fill(dEncTop, 0, ts * n * cw, 0.0f);
      attention.backward(v, g, seqWork, seqMemory, top.output(), top.outputOffset(), hd, dRead, hd, readIn, dTop, 0,
          hd, dEncTop);
    } else {
      readout.backward(v, g, dLogits, top.output(), top.outputOffset(), rows, dTop);
    }
    float[] dAbove = dTop;
    float[] next = decDxA;
    for (int k = dec.size() - 1; k >= 0; k--) {
      float[] dx = k > 0 ? next : dDecIn;
      dec.get(k).backward(g, dAbove, 0, null, dx, 0);
      dAbove = dx;
      next = next == decDxA ? decDxB : decDxA;
    }
    tgtEmb.backward(g, fedIds, tgtLen, tt, n, dDecIn, decIn);
    Arrays.fill(dCtx, 0, n * cw, 0.0f);
    if (contextEveryStep) {
      int e = tgtEmb.dim();
      for (int r = 0; r < rows; r++) {
        int o = r * decIn + e;
        int c = (r % n) * cw;
        for (int j = 0; j < cw; j++) {
          dCtx[c + j] += dDecIn[o + j];
        }
      }
    }
    if (bridged) {
      for (int k = 0; k < dec.size(); k++) {
        bridgeBackward(g, v, k, dec.get(k).initialStateGradient()[0], n);
      }
    } else {
      for (int k = 0; k < dec.size(); k++) {
        float[][] d = dec.get(k).initialStateGradient();
        for (int p = 0; p < parts; p++) {
          System.arraycopy(d[p], 0, encDFinal[k][p], 0, n * hd);
        }
      }
    }
    if (contextGradient != null) {
      System.arraycopy(dCtx, 0, contextGradient, 0, n * cw);
    }
    int le = enc.size();
    dAbove = attention != null ? dEncTop : null;
    next = encDxA;
    for (int k = le - 1; k >= 0; k--) {
      float[] dx = k > 0 ? next : dEncIn;
      if (bridged) {
        enc.get(k).backward(g, dAbove, 0, k == le - 1 ? dCtx : null, dx, 0);
      } else {
        // C is the top layer's final h, which the decoder's initial state also is: both errors add up
        if (k == le - 1) {
          float[] dh = encDFinal[k][0];
          for (int i = 0; i < n * cw; i++) {
            dh[i] += dCtx[i];
          }
        }
        enc.get(k).directions().get(0).backward(g, dAbove, 0, encDFinal[k], dx, 0);
      }
      dAbove = dx;
      next = next == encDxA ? encDxB : encDxA;
    }
    srcEmb.backward(g, srcIds, srcLen, ts, n, dEncIn, es);
  }

  /** h0 = tanh(W_k C + b_k): dpre = dh0 (1 - h0²); dW_k += dpre C^T, db_k += dpre, dC += W_k^T dpre. */
  private void bridgeBackward(float[] g, float[] v, int k, float[] dh, int n) {
    float[] h = decInit[k][0];
    int wo = bridgeW[k].offset();
    int bo = bridgeB[k].offset();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < hd; j++) {
        float y = h[i * hd + j];
        float dp = dh[i * hd + j] * (1.0f - y * y);
        g[bo + j] += dp;
        for (int c = 0; c < cw; c++) {
          g[wo + j * cw + c] += dp * ctx[i * cw + c];
          dCtx[i * cw + c] += dp * v[wo + j * cw + c];
        }
      }
    }
  }

  // ---------------------------------------------------------------- the step path

  /**
   * Encodes sources ({@code [steps][size]} ids, time-major, {@code steps = ids.length / lengths.length})
   * for step-by-step decoding into {@code dst} (null: a new one), in the current mode, with the
   * current weights.
   */
  public Encoded encode(int[] ids, int[] lengths, Encoded dst) {
    int n = lengths.length;
    if (n < 1 || ids.length % n != 0 || ids.length == 0) {
      throw new IllegalArgumentException("sources: " + ids.length + " ids for " + n + " lengths, expected steps x "
          + n);
    }
    int steps = ids.length / n;
    for (int len : lengths) {
      if (len < 1 || len > steps) {
        throw new IllegalArgumentException("source length " + len + " outside 1.." + steps);
      }
    }
    Encoded e = dst == null ? new Encoded() : dst;
    float[] v = params.values();
    encode(v, ids, lengths, steps, n);
    e.batch = n;
    e.ctx = grow(e.ctx, n * cw);
    System.arraycopy(ctx, 0, e.ctx, 0, n * cw);
    e.init = grow(e.init, dec, n);
    for (int k = 0; k < dec.size(); k++) {
      for (int p = 0; p < parts; p++) {
        System.arraycopy(decInit[k][p], 0, e.init[k][p], 0, n * hd);
      }
    }
    if (attention != null) {
      SequenceLayerF32 top = enc.get(enc.size() - 1);
      attention.setMemory(v, e.memory, top.output(), top.outputOffset(), steps, n, lengths);
    }
    return e;
  }

  /** One source ({@code ids} its tokens) encoded for decoding, e.g. by a beam search. */
  public Encoded encode(int[] ids) {
    return encode(ids, new int[] {ids.length}, null);
  }

  /** Room for the decoder state of {@code rows} rows: {@code [layer][part][rows x hidden]}. */
  public float[][][] newDecoderState(int rows) {
    return grow(null, dec, rows);
  }

  /** Sets row {@code row} of {@code state} to the decoder's initial state for source {@code row % src.batch()}. */
  public void startRow(Encoded src, float[][][] state, int row) {
    int b = row % src.batch;
    for (int k = 0; k < dec.size(); k++) {
      for (int p = 0; p < parts; p++) {
        System.arraycopy(src.init[k][p], b * hd, state[k][p], row * hd, hd);
      }
    }
  }

  /** Copies row {@code from} of {@code src} into row {@code to} of {@code dst}. */
  public void copyRow(float[][][] src, int from, float[][][] dst, int to) {
    for (int k = 0; k < src.length; k++) {
      for (int p = 0; p < src[k].length; p++) {
        System.arraycopy(src[k][p], from * hd, dst[k][p], to * hd, hd);
      }
    }
  }

  /**
   * One decoder step for {@code rows} rows, in place: row r reads {@code tokens[r]} at decoder step
   * {@code position} from its state, leaves its new state there and its logits over the target
   * vocabulary in {@code logits[r * targetVocabulary() ..]}. Allocates nothing once warmed; the weights
   * the layers transposed and packed are reused while {@link Params#version()} stays. The numbers
   * are those of the sequence pass at the same step.
   */
  public void step(Encoded src, float[][][] state, int rows, int[] tokens, int position, float[] logits) {
    long version = params.version();
    float[] v = values;
    stepIn = grow(stepIn, rows * decIn);
    int e = tgtEmb.dim();
    for (int r = 0; r < rows; r++) {
      tgtEmb.check(tokens[r], "fed", position, r);
      tgtEmb.lookup(v, tokens[r], stepIn, r * decIn);
      if (contextEveryStep) {
        System.arraycopy(src.ctx, (r % src.batch) * cw, stepIn, r * decIn + e, cw);
      }
    }
    float[] x = stepIn;
    int xOff = 0;
    for (int k = 0; k < dec.size(); k++) {
      SequenceLayerF32 l = dec.get(k);
      l.forward(v, x, xOff, 1, rows, null, position, state[k], version);
      l.finalState(state[k]);
      x = l.output();
      xOff = l.outputOffset();
    }
    if (attention != null) {
      stepRead = grow(stepRead, rows * readIn);
      attention.forward(v, src.work, src.memory, x, xOff, hd, rows, stepRead, hd, readIn);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(x, xOff + r * hd, stepRead, r * readIn, hd);
      }
      readout.forward(v, stepRead, 0, rows, logits, version);
    } else {
      readout.forward(v, x, xOff, rows, logits, version);
    }
  }

  /**
   * Row r of the step's logits turned into log-probabilities in double (here in place; the float twin widens the row
   * into a double buffer first, so that both precisions choose by the same double log-softmax), and its most
   * probable id, the lowest among ties.
   */
  private int logSoftmaxRow(int r) {
    org.rnnlab.engine.FloatKernels.toDouble(stepLogits, r * vt, rowLp, r * vt, vt);
    return LogSoftmax.rowArgmax(rowLp, r * vt, vt);
  }

  private void ensureStep(int rows) {
    if (stepTokens.length < rows) {
      stepTokens = new int[rows];
    }
    stepLogits = grow(stepLogits, rows * vt);
    rowLp = growDouble(rowLp, rows * vt);
    if (decodeState == null || decodeState[0][0].length < rows * hd) {
      decodeState = newDecoderState(rows);
    }
  }

  /**
   * Greedy decoding of a batch of sources ({@code [steps][size]} ids, time-major, with their lengths):
   * one encoder pass, then every row steps until it has emitted END or {@code maxLength} tokens.
   * Row b's output ends with END unless it reached maxLength without it. Runs in the current mode.
   */
  public int[][] greedyDecode(int[] sources, int[] lengths, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maximum output length must be >= 1, got " + maxLength);
    }
    int n = lengths.length;
    encode(sources, lengths, decodeSrc);
    ensureStep(n);
    for (int r = 0; r < n; r++) {
      startRow(decodeSrc, decodeState, r);
      stepTokens[r] = PairBatch.START;
    }
    int[][] out = new int[n][maxLength];
    int[] len = new int[n];
    int live = n;
    for (int t = 0; t < maxLength && live > 0; t++) {
      step(decodeSrc, decodeState, n, stepTokens, t, stepLogits);
      for (int r = 0; r < n; r++) {
        if (len[r] > 0 && out[r][len[r] - 1] == PairBatch.END) {
          continue; // finished: its row is stepped along but not read
        }
        int c = logSoftmaxRow(r);
        out[r][len[r]++] = c;
        stepTokens[r] = c;
        if (c == PairBatch.END) {
          live--;
        }
      }
    }
    for (int r = 0; r < n; r++) {
      out[r] = Arrays.copyOf(out[r], len[r]);
    }
    return out;
  }

  /**
   * Chooses the tokens the decoder is fed for training on {@code b} (free running, scheduled
   * sampling): {@code fed[0][.]} = START; at step t &gt;= 1 (within row b's target), the model's own
   * previous token when {@code policy.useModel(t, b)}, else the true one target[t-1][b]. The model's
   * token is its most probable (greedy) or, with {@code sample}, drawn from its softmax with one
   * uniform of {@code rng} per such choice. The decoder is stepped in the current mode; positions past
   * a target's length get START (never read). Training on them is a second pass,
   * {@link #forwardBackward}{@code (b, fed)}, which recomputes the forward pass with these tokens as
   * constants.
   */
  public void chooseFed(PairBatch b, FeedPolicy policy, boolean sample, Rng rng, int[] fed) {
    checkFed(b, fed);
    if (sample && rng == null) {
      throw new IllegalArgumentException("sampling the fed tokens needs a random stream");
    }
    int n = b.size();
    int steps = b.targetSteps();
    int[] lengths = b.targetLengths();
    encode(b.source(), b.sourceLengths(), decodeSrc);
    ensureStep(n);
    for (int r = 0; r < n; r++) {
      startRow(decodeSrc, decodeState, r);
      fed[r] = PairBatch.START;
    }
    for (int t = 0; t + 1 < steps; t++) {
      System.arraycopy(fed, t * n, stepTokens, 0, n);
      step(decodeSrc, decodeState, n, stepTokens, t, stepLogits);
      for (int r = 0; r < n; r++) {
        int o = (t + 1) * n + r;
        if (t + 1 >= lengths[r]) {
          fed[o] = PairBatch.START;
        } else if (policy.useModel(t + 1, r)) {
          int best = logSoftmaxRow(r);
          fed[o] = sample ? LogSoftmax.drawRow(rowLp, r * vt, vt, rng) : best;
        } else {
          fed[o] = b.target(t, r);
        }
      }
    }
  }

  /** The model of {@code s}, its weights not yet drawn ({@link #initialize}). */
  public static EncoderDecoderF32 of(Seq2SeqShape s) {
    CellConfigF32 cell = org.rnnlab.engine.Float32Configs.cell(s.cell());
    return builder()
        .source(s.sourceVocabulary(), s.embeddingDim())
        .target(s.targetVocabulary(), s.embeddingDim())
        .encoder(cell, s.encoderHidden(), s.layers(), s.bidirectional())
        .decoder(cell, s.decoderHidden(), s.layers())
        .bridge(s.bridge())
        .contextEveryStep(s.contextEveryStep())
        .attention(s.attention())
        .build();
  }

  /** Declares a model: vocabularies and embedding dims, encoder, decoder, options. */
  public static final class Builder {
    private int srcVocab;
    private int srcDim;
    private int tgtVocab;
    private int tgtDim;
    private CellConfigF32 encCell;
    private int encHidden;
    private int encLayers;
    private boolean bidirectional;
    private CellConfigF32 decCell;
    private int decHidden;
    private int decLayers;
    private boolean bridge;
    private boolean contextEveryStep;
    private int attentionDim;

    private Builder() {}

    private static void positive(String what, int... n) {
      for (int x : n) {
        if (x < 1) {
          throw new IllegalArgumentException(what + " must be >= 1, got " + x);
        }
      }
    }

    /** Source ids 0..vocabulary-1, embedded in {@code dim} dimensions. */
    public Builder source(int vocabulary, int dim) {
      positive("source vocabulary and embedding dim", vocabulary, dim);
      srcVocab = vocabulary;
      srcDim = dim;
      return this;
    }

    /** Target ids 0..vocabulary-1 (START 0 and END 1 among them), embedded in {@code dim} dimensions. */
    public Builder target(int vocabulary, int dim) {
      positive("target vocabulary and embedding dim", vocabulary, dim);
      tgtVocab = vocabulary;
      tgtDim = dim;
      return this;
    }

    /** The encoder: {@code layers} layers of {@code hidden} units (per direction if bidirectional). */
    public Builder encoder(CellConfigF32 cell, int hidden, int layers, boolean bidirectional) {
      positive("encoder hidden size and layers", hidden, layers);
      encCell = cell;
      encHidden = hidden;
      encLayers = layers;
      this.bidirectional = bidirectional;
      return this;
    }

    /** The decoder: {@code layers} unidirectional layers of {@code hidden} units. */
    public Builder decoder(CellConfigF32 cell, int hidden, int layers) {
      positive("decoder hidden size and layers", hidden, layers);
      decCell = cell;
      decHidden = hidden;
      decLayers = layers;
      return this;
    }

    /** A learned bridge even where the encoder's final state could pass directly. */
    public Builder bridge(boolean on) {
      bridge = on;
      return this;
    }

    /** C concatenated to the decoder's input at every step (Cho et al. 2014). */
    public Builder contextEveryStep(boolean on) {
      contextEveryStep = on;
      return this;
    }

    /** Additive attention with a score layer of {@code dim} units (0: none). */
    public Builder attention(int dim) {
      if (dim < 0) {
        throw new IllegalArgumentException("attention dim must be >= 0 (0: none), got " + dim);
      }
      attentionDim = dim;
      return this;
    }

    /** Declares every parameter; call {@link EncoderDecoder#initialize} before use. */
    public EncoderDecoderF32 build() {
      return new EncoderDecoderF32(this);
    }
  }
}
