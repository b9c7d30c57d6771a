package org.rnnlab.bench.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.FORWARD_TOL;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.GRADIENT_TOL;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.check;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.keys;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.longTensor;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.readTensors;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.shape;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.slice;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.tensor;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.values;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LSTMImpl;
import org.bytedeco.pytorch.LSTMOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.PackedSequence;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.T_PackedSequenceT_TensorTensor_T_T;
import org.bytedeco.pytorch.T_PackedSequenceTensor_T;
import org.bytedeco.pytorch.T_TensorT_TensorTensor_T_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.ParityModels;
import org.rnnlab.engine.ParityModels.Kind;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.seq2seq.EncoderDecoder;
import org.rnnlab.engine.seq2seq.PairBatch;

/**
 * The encoder–decoder ({@link EncoderDecoder}) against real PyTorch (part of
 * {@code make pytorch-parity}, float64, one thread), under teacher forcing on a ragged batch
 * (B = 5 pairs, sources of 1..7 tokens, targets of 1..6 tokens, END included):
 * nn.Embedding + nn.LSTM/nn.GRU encoder over {@code pack_padded_sequence} (unsorted), so its
 * (h_n, c_n) is each source's state at its own last step; nn.Embedding + the same recurrent module
 * as decoder, fed START then target[:-1] (the fed tokens past a target's length are START and their
 * positions ignored by the loss); nn.Linear readout; {@code cross_entropy(reduction='sum',
 * ignore_index=-100) / number of target tokens}, the engine's mean per target token.
 *
 * <p>Cases: the direct state passing (the encoder's (h_n, c_n) is the decoder's initial state,
 * 1 and 2 layers, hidden 13); the bridge (decoder layer k from tanh(bridge.k(C)), its c0 zero;
 * encoder 13, decoder 11, and a GRU encoder into an LSTM decoder); C concatenated to the decoder's
 * input at every step; a bidirectional encoder (C = the top layer's forward and reverse h_n
 * concatenated); and additive attention written out in torch as the engine documents it:
 * keys = attention.key(h_j), e_tj = attention.v(tanh(attention.query(s_t) + keys_j)), softmax
 * over each source's valid positions (the rest masked with -inf), c_t = Σ_j α_tj h_j, and
 * readout([s_t; c_t]), where s_t is the decoder's top state of the same step.
 *
 * <p>Compared (relative error, normwise per tensor): the loss, the logits at every valid target
 * position from the engine's step-by-step decoding path ({@link EncoderDecoder#step}) fed the same
 * tokens, and the attention weights of the sequence pass, to 1e-12; every parameter's gradient by
 * name to 1e-10. Parameters travel through {@link ParamsIO}'s JSON by name and must arrive bit for bit.
 */
class PyTorchEncoderDecoderParityTest {
  static final int VS = 11;   // source ids
  static final int ES = 5;    // source embedding
  static final int VT = 14;   // target ids, START 0 and END 1 among them
  static final int ET = 6;    // target embedding
  static final int B = 5;
  static final int TS = 7;
  static final int TT = 6;
  /** Unsorted, with a length of 1 on both sides; the first pair has neither the longest source nor target. */
  static final int[] SRC_LEN = {4, 7, 1, 6, 3};
  static final int[] TGT_LEN = {3, 1, 6, 4, 5};

  /** The cells with a torch module (the GRU in its reset-after form). */
  enum Cell {
    LSTM(Kind.LSTM), GRU(Kind.GRU_RESET_AFTER);

    final Kind kind;

    Cell(Kind kind) {
      this.kind = kind;
    }
  }

  /** One encoder–decoder; {@code attention} 0: none. */
  record Case(Cell enc, Cell dec, int layers, int encHidden, int decHidden, boolean bidirectional, boolean bridge,
              boolean contextEveryStep, int attention) {
    static Case direct(Cell c, int layers, int attention) {
      return new Case(c, c, layers, 13, 13, false, false, false, attention);
    }

    EncoderDecoder model() {
      EncoderDecoder m = EncoderDecoder.builder().source(VS, ES).target(VT, ET)
          .encoder(ParityModels.config(enc.kind), encHidden, layers, bidirectional)
          .decoder(ParityModels.config(dec.kind), decHidden, layers)
          .bridge(bridge).contextEveryStep(contextEveryStep).attention(attention).build();
      long seed = seed();
      m.initialize(new NormalInit(0.5), new NormalInit(0.5), Rng.of(seed));
      // every bias random: the initialisers leave some at constants (LSTM bias_hh's forget block at 0)
      Rng r = Rng.of(seed).child("biases");
      for (Param p : m.params().list()) {
        if (p.kind() == Params.Kind.BIAS) {
          for (int i = 0; i < p.size(); i++) {
            m.params().values()[p.offset() + i] = 0.5 * r.gaussian();
          }
        }
      }
      if (attention > 0) {
        // sharper scores: the weights far from uniform, so the query's gradient is not near 0
        Param v = m.params().get("attention.v.weight");
        for (int i = 0; i < v.size(); i++) {
          m.params().values()[v.offset() + i] *= 4.0;
        }
      }
      m.params().markChanged();
      return m;
    }

    long seed() {
      return 40_000L + toString().hashCode();
    }

    int contextWidth() {
      return bidirectional ? 2 * encHidden : encHidden;
    }

    /** The engine's rule: the state passes directly only between equal unidirectional stacks, unless a bridge is asked for. */
    boolean bridged() {
      return bridge || bidirectional || enc != dec || encHidden != decHidden;
    }

    @Override
    public String toString() {
      return enc + (bidirectional ? " bidirectional" : "") + " " + encHidden + " -> " + dec + " " + decHidden
          + " layers=" + layers + (bridged() ? " bridge" : " direct") + (contextEveryStep ? " context-every-step" : "")
          + (attention > 0 ? " attention=" + attention : "");
    }
  }

  static Stream<Case> cases() {
    List<Case> a = new ArrayList<>();
    for (Cell c : Cell.values()) {
      for (int layers = 1; layers <= 2; layers++) {
        a.add(Case.direct(c, layers, 0));
      }
      a.add(Case.direct(c, 2, 9));
      a.add(new Case(c, c, 2, 13, 11, false, false, false, 0));
      a.add(new Case(c, c, 2, 13, 13, false, true, true, 0));
      a.add(new Case(c, c, 2, 9, 11, true, false, true, 7));
    }
    a.add(new Case(Cell.GRU, Cell.LSTM, 2, 13, 13, false, false, false, 9));
    return a.stream();
  }

  /** Largest errors over all cases: [forward rel, forward abs, gradient rel, gradient abs]. */
  private static final Map<String, double[]> WORST = new LinkedHashMap<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void oneThread() {
    PyTorchParityTest.oneThread();
  }

  @AfterAll
  static void summary() {
    System.out.println("PyTorch parity, encoder-decoder (teacher forcing, cross-entropy per target token); relative "
        + "error normwise per tensor, absolute error elementwise:");
    System.out.printf("%-80s %-11s %-11s %-11s %-11s%n", "case", "fwd rel", "fwd abs", "grad rel", "grad abs");
    synchronized (WORST) {
      for (Map.Entry<String, double[]> e : WORST.entrySet()) {
        double[] w = e.getValue();
        System.out.printf("%-80s %-11.3e %-11.3e %-11.3e %-11.3e%n", e.getKey(), w[0], w[1], w[2], w[3]);
      }
    }
  }

  // ---------------------------------------------------------------- the data

  /** Random ragged pairs: source ids 0..VS-1, target ids 2..VT-1 closed by END; ids past a length 0. */
  static PairBatch batch(long seed) {
    Rng r = Rng.of(seed).child("pairs");
    int[] src = new int[TS * B];
    int[] tgt = new int[TT * B];
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < SRC_LEN[b]; t++) {
        src[t * B + b] = r.nextInt(VS);
      }
      for (int t = 0; t < TGT_LEN[b]; t++) {
        tgt[t * B + b] = t == TGT_LEN[b] - 1 ? PairBatch.END : 2 + r.nextInt(VT - 2);
      }
    }
    return new PairBatch(B, TS, src, SRC_LEN.clone(), TT, tgt, TGT_LEN.clone());
  }

  /** The rows (t, b) of a {@code [steps][B][width]} array with t below lengths[b]. */
  static double[] valid(double[] v, int steps, int[] lengths, int width) {
    double[] out = new double[v.length];
    int n = 0;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < B; b++) {
        if (t < lengths[b]) {
          System.arraycopy(v, (t * B + b) * width, out, n, width);
          n += width;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  // ---------------------------------------------------------------- the torch side

  /**
   * The torch module whose state_dict names are the engine's: encoder_embedding, encoder,
   * decoder_embedding, decoder, bridge (a module of nn.Linear named 0, 1, ...), attention (query,
   * key, v) and readout, registered in that order, float64.
   */
  static final class TorchSeq2Seq {
    final Case c;
    final Module net = new Module("seq2seq");
    final EmbeddingImpl srcEmb;
    final Module encoder;
    final EmbeddingImpl tgtEmb;
    final Module decoder;
    final LinearImpl[] bridge;
    LinearImpl query;
    LinearImpl key;
    LinearImpl score;
    final LinearImpl readout;
    /** α of the last forward pass, [TT][B][TS] (with attention). */
    Tensor alpha;

    TorchSeq2Seq(Case c) {
      this.c = c;
      int cw = c.contextWidth();
      srcEmb = net.register_module("encoder_embedding", new EmbeddingImpl(VS, ES));
      encoder = net.register_module("encoder", rnn(c.enc(), ES, c.encHidden(), c.layers(), c.bidirectional()));
      tgtEmb = net.register_module("decoder_embedding", new EmbeddingImpl(VT, ET));
      decoder = net.register_module("decoder",
          rnn(c.dec(), ET + (c.contextEveryStep() ? cw : 0), c.decHidden(), c.layers(), false));
      if (c.bridged()) {
        Module list = net.register_module("bridge", new Module("bridge"));
        bridge = new LinearImpl[c.layers()];
        for (int k = 0; k < bridge.length; k++) {
          bridge[k] = list.register_module(Integer.toString(k), new LinearImpl(cw, c.decHidden()));
        }
      } else {
        bridge = null;
      }
      if (c.attention() > 0) {
        Module att = net.register_module("attention", new Module("attention"));
        query = att.register_module("query", linear(c.decHidden(), c.attention(), false));
        key = att.register_module("key", linear(cw, c.attention(), true));
        score = att.register_module("v", linear(c.attention(), 1, false));
      }
      readout = net.register_module("readout", new LinearImpl(c.decHidden() + (c.attention() > 0 ? cw : 0), VT));
      net.to(torch.ScalarType.Double, false);
    }

    private static Module rnn(Cell cell, int in, int hidden, int layers, boolean bidirectional) {
      if (cell == Cell.LSTM) {
        LSTMOptions o = new LSTMOptions(in, hidden);
        o.num_layers().put(layers);
        o.bidirectional().put(bidirectional);
        return new LSTMImpl(o);
      }
      GRUOptions o = new GRUOptions(in, hidden);
      o.num_layers().put(layers);
      o.bidirectional().put(bidirectional);
      return new GRUImpl(o);
    }

    private static LinearImpl linear(int in, int out, boolean bias) {
      LinearOptions o = new LinearOptions(in, out);
      o.bias().put(bias);
      return new LinearImpl(o);
    }

    /** [outputs [T,B,dirs*H] (0 past a length), h_n, c_n or null] of a packed run. */
    private static Tensor[] run(Module m, Tensor x, Tensor lengths, int steps, Tensor h0, Tensor c0) {
      PackedSequence p = torch.pack_padded_sequence(x, lengths, false, false);
      if (m instanceof LSTMImpl lstm) {
        T_PackedSequenceT_TensorTensor_T_T r = h0 == null ? lstm.forward_with_packed_input(p)
            : lstm.forward_with_packed_input(p, new T_TensorTensor_T(h0, c0));
        return new Tensor[] {padded(r.get0(), steps), r.get1().get0(), r.get1().get1()};
      }
      GRUImpl gru = (GRUImpl) m;
      T_PackedSequenceTensor_T r = h0 == null ? gru.forward_with_packed_input(p) : gru.forward_with_packed_input(p, h0);
      return new Tensor[] {padded(r.get0(), steps), r.get1(), null};
    }

    private static Tensor padded(PackedSequence p, int steps) {
      return torch.pad_packed_sequence(p, false, 0.0, new LongOptional(steps)).get0();
    }

    /** Logits [TT,B,VT] of the decoder fed {@code fed} [TT,B] after the encoder read {@code src} [TS,B]. */
    Tensor forward(Tensor src, Tensor srcLengths, Tensor fed, Tensor tgtLengths, Tensor invalidSource) {
      Tensor[] e = run(encoder, srcEmb.forward(src), srcLengths, TS, null, null);
      int layers = c.layers();
      Tensor hn = e[1];
      // C: the top layer's final h (bidirectional: forward then reverse direction)
      Tensor ctx = c.bidirectional()
          ? torch.cat(new TensorVector(hn.select(0, 2L * layers - 2), hn.select(0, 2L * layers - 1)), 1)
          : hn.select(0, layers - 1);
      Tensor h0;
      Tensor c0 = null;
      if (bridge != null) {
        TensorVector hs = new TensorVector();
        for (LinearImpl l : bridge) {
          hs.push_back(l.forward(ctx).tanh().unsqueeze(0));
        }
        h0 = torch.cat(hs, 0);
        if (c.dec() == Cell.LSTM) {
          c0 = torch.zeros_like(h0);
        }
      } else {
        h0 = hn;
        c0 = e[2];
      }
      Tensor in = tgtEmb.forward(fed);
      if (c.contextEveryStep()) {
        in = torch.cat(new TensorVector(in, ctx.unsqueeze(0).expand(TT, B, c.contextWidth())), 2);
      }
      Tensor s = run(decoder, in, tgtLengths, TT, h0, c0)[0];
      if (query == null) {
        return readout.forward(s);
      }
      Tensor mem = e[0];                                            // [TS,B,cw]
      Tensor keys = key.forward(mem).permute(1, 0, 2);              // [B,TS,A]
      Tensor q = query.forward(s).unsqueeze(2);                     // [TT,B,1,A]
      Tensor scores = score.forward(q.add(keys.unsqueeze(0)).tanh()).squeeze(3);  // [TT,B,TS]
      alpha = scores.masked_fill(invalidSource, new Scalar(Double.NEGATIVE_INFINITY)).softmax(2);
      Tensor ctxT = alpha.permute(1, 0, 2).bmm(mem.permute(1, 0, 2)).permute(1, 0, 2);  // [TT,B,cw]
      return readout.forward(torch.cat(new TensorVector(s, ctxT), 2));
    }
  }

  static Tensor ids(int[] v, long... shape) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return longTensor(l, shape);
  }

  // ---------------------------------------------------------------- our side

  /** Logits of the step path, [TT][B][VT], each row fed its teacher-forced token at every step. */
  static double[] stepLogits(EncoderDecoder m, PairBatch b, int[] fed) {
    EncoderDecoder.Encoded src = m.encode(b.source(), b.sourceLengths(), null);
    double[][][] state = m.newDecoderState(B);
    for (int r = 0; r < B; r++) {
      m.startRow(src, state, r);
    }
    double[] out = new double[TT * B * VT];
    double[] logits = new double[B * VT];
    int[] tokens = new int[B];
    for (int t = 0; t < TT; t++) {
      System.arraycopy(fed, t * B, tokens, 0, B);
      m.step(src, state, B, tokens, t, logits);
      System.arraycopy(logits, 0, out, t * B * VT, B * VT);
    }
    return out;
  }

  /** max |want - got| over the arrays. */
  static double maxAbs(double[] want, double[] got) {
    double d = 0.0;
    for (int i = 0; i < want.length; i++) {
      d = Math.max(d, Math.abs(want[i] - got[i]));
    }
    return d;
  }

  // ---------------------------------------------------------------- the test

  /** Our parameters into torch; loss, logits, attention weights and every gradient agree. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("try") // the scope and guard act by existing
  void teacherForcedStepAgreesWithTorch(Case c) throws IOException {
    String what = c.toString();
    try (PointerScope scope = new PointerScope()) {
      EncoderDecoder m = c.model();
      assertEquals(c.bridged(), m.bridged(), what + ": bridge");
      TorchSeq2Seq tn = new TorchSeq2Seq(c);
      StringTensorDict tp = tn.net.named_parameters();
      List<String> ours = new ArrayList<>();
      for (Param p : m.params().list()) {
        ours.add(p.name());
      }
      assertEquals(keys(tp), ours, what + ": parameter names and order");
      for (Param p : m.params().list()) {
        long[] want = p.kind() == Params.Kind.BIAS ? new long[] {p.size()} : new long[] {p.rows(), p.cols()};
        assertEquals(Arrays.toString(want), Arrays.toString(shape(tp.get(p.name()))), what + ": shape of " + p.name());
      }

      // 1. our parameters -> ParamsIO JSON -> the torch module's parameters, by name, bit for bit
      Path file = tmp.resolve("ours.json");
      ParamsIO.save(m.params(), file);
      Map<String, Tensor> fromJson = readTensors(file);
      assertEquals(ours.size(), fromJson.size(), what + ": parameters in the JSON");
      try (NoGradGuard g = new NoGradGuard()) {
        for (Map.Entry<String, Tensor> e : fromJson.entrySet()) {
          tp.get(e.getKey()).copy_(e.getValue());
        }
      }
      for (Param p : m.params().list()) {
        double[] want = values(tp.get(p.name()));
        double[] got = slice(m.params().values(), p);
        for (int i = 0; i < want.length; i++) {
          assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
              what + ": " + p.name() + "[" + i + "] did not survive the JSON exactly");
        }
      }

      // 2. ours: teacher forcing, forward and backward; then the step path fed the same tokens
      PairBatch b = batch(c.seed());
      int[] fed = new int[TT * B];
      EncoderDecoder.teacherForcing(b, fed);
      m.params().zeroGrads();
      double ourLoss = m.forwardBackward(b, fed);
      double[] ourGrads = m.params().grads().clone();
      double[][][] ourAlpha = m.attentionWeights();
      double[] ourLogits = stepLogits(m, b, fed);

      // ... torch's: the same tokens, masked cross-entropy summed over real target tokens / their count
      long[] labels = new long[TT * B];
      for (int t = 0; t < TT; t++) {
        for (int i = 0; i < B; i++) {
          labels[t * B + i] = t < TGT_LEN[i] ? b.target(t, i) : -100;
        }
      }
      double[] invalid = new double[B * TS];
      for (int i = 0; i < B; i++) {
        for (int j = SRC_LEN[i]; j < TS; j++) {
          invalid[i * TS + j] = 1.0;
        }
      }
      Tensor logits = tn.forward(ids(b.source(), TS, B), ids(SRC_LEN, B), ids(fed, TT, B), ids(TGT_LEN, B),
          tensor(invalid, 1, B, TS).gt(new Scalar(0.5)));
      long reductionSum = 2; // at::Reduction::Sum
      Tensor loss = torch.cross_entropy_loss(logits.reshape((long) TT * B, VT), longTensor(labels, (long) TT * B),
          new TensorOptional(), reductionSum, -100, 0.0).div(new Scalar((double) b.targetTokens()));
      loss.backward();

      double[] tl = valid(values(logits), TT, TGT_LEN, VT);
      double[] ol = valid(ourLogits, TT, TGT_LEN, VT);
      double fwd = check(what + ": loss", new double[] {loss.item_double()}, new double[] {ourLoss}, FORWARD_TOL);
      double fwdAbs = Math.abs(loss.item_double() - ourLoss);
      fwd = Math.max(fwd, check(what + ": logits (step path)", tl, ol, FORWARD_TOL));
      fwdAbs = Math.max(fwdAbs, maxAbs(tl, ol));
      if (c.attention() > 0) {
        double[] flat = new double[TT * B * TS];
        for (int t = 0; t < TT; t++) {
          for (int i = 0; i < B; i++) {
            System.arraycopy(ourAlpha[t][i], 0, flat, (t * B + i) * TS, TS);
          }
        }
        double[] ta = valid(values(tn.alpha), TT, TGT_LEN, TS);
        double[] oa = valid(flat, TT, TGT_LEN, TS);
        fwd = Math.max(fwd, check(what + ": attention weights", ta, oa, FORWARD_TOL));
        fwdAbs = Math.max(fwdAbs, maxAbs(ta, oa));
      }

      // 3. every parameter's gradient, by name
      double grad = 0.0;
      double gradAbs = 0.0;
      for (Param p : m.params().list()) {
        Tensor gt = tp.get(p.name()).grad();
        assertTrue(gt.defined(), what + ": torch has no gradient for " + p.name());
        double[] want = values(gt);
        double[] got = slice(ourGrads, p);
        grad = Math.max(grad, check(what + ": grad " + p.name(), want, got, GRADIENT_TOL));
        gradAbs = Math.max(gradAbs, maxAbs(want, got));
      }
      synchronized (WORST) {
        WORST.put(what, new double[] {fwd, fwdAbs, grad, gradAbs});
      }
    }
  }
}
