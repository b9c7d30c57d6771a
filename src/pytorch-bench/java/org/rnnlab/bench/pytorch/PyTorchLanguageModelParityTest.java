package org.rnnlab.bench.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.FORWARD_TOL;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.GRADIENT_TOL;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.assertSameValues;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.check;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.keys;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.longTensor;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.readTensors;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.shape;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.slice;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.tensor;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.torchName;
import static org.rnnlab.bench.pytorch.PyTorchParityTest.values;
import static org.rnnlab.engine.ParityModels.B;
import static org.rnnlab.engine.ParityModels.LM_DIM;
import static org.rnnlab.engine.ParityModels.LM_HID;
import static org.rnnlab.engine.ParityModels.LM_VOCAB;
import static org.rnnlab.engine.ParityModels.T;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LSTMImpl;
import org.bytedeco.pytorch.LSTMOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.RNNImpl;
import org.bytedeco.pytorch.RNNOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.T_TensorT_TensorTensor_T_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.kTanh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.ParityModels;
import org.rnnlab.engine.ParityModels.Kind;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.engine.loss.LogSoftmax;

/**
 * The language-model stack against real PyTorch (part of {@code make pytorch-parity}, float64,
 * one thread): nn.Embedding(83, 6) (or the 83 token ids one-hot as float features) + nn.RNN
 * (tanh) / nn.LSTM / nn.GRU (1 and 2 layers, hidden 13) + nn.Linear(13, 83) + the cross-entropy
 * of the next token at every step, over a random text cut into B = 4 streams and read in segments
 * of T = 7 tokens as {@link org.rnnlab.task.LanguageModelTask} does (inputs positions [jT, jT+T)
 * of each stream, targets one later).
 *
 * <p>Our side trains through {@link Trainer#step(Batch, boolean)} itself, with an optimiser that
 * only records the gradient it is given: segment 0 from a zero state and, for the carried cases,
 * segment 1 continuing it (truncated BPTT: the state carried, gradients stopped at the boundary).
 * Torch's side runs segment 0, and for the carried cases takes its (h_n, c_n) as leaf tensors
 * detached from that graph and starts segment 1 from them. The loss on both sides is the mean
 * cross-entropy in nats over the T x B predicted tokens: ours {@code CrossEntropyLoss} (sum of the
 * positions' terms over the sum of their unit weights), torch's
 * {@code cross_entropy(logits.view(T*B, V), labels, reduction='sum') / (T*B)}. Parameters go to
 * torch through {@link ParamsIO}'s JSON by name, as in {@link PyTorchParityTest}. Agree to 1e-12
 * (relative, normwise per tensor): the logits, the log-probabilities (ours: {@link LogSoftmax}, the
 * sampler's), the loss, h_n (and c_n) of every layer, and in the carried cases the state carried
 * out of segment 0; to 1e-10: every parameter's gradient by name, dL/dx of the one-hot inputs, and
 * in the carried cases dL/dh0 (and dL/dc0) of the carried state.
 */
class PyTorchLanguageModelParityTest {
  /** The cells of the language-model experiment (the GRU in its reset-after form, torch's). */
  enum Cell {
    ELMAN_TANH(Kind.ELMAN_TANH), LSTM(Kind.LSTM), GRU(Kind.GRU_RESET_AFTER);

    final Kind kind;

    Cell(Kind kind) {
      this.kind = kind;
    }
  }

  /** One case: {@code carried} checks segment 1 from the state segment 0 left, else segment 0 from zeros. */
  record Case(Cell cell, int layers, boolean oneHot, boolean carried) {
    /** One model and text per cell, depth and input, so a carried case's segment 0 is its zero-state case. */
    long seed() {
      return 30_000L + 100L * cell.ordinal() + 10L * layers + (oneHot ? 1 : 0);
    }

    SequenceModel model() {
      return ParityModels.languageModel(cell.kind, layers, oneHot, seed());
    }

    @Override
    public String toString() {
      return "LM " + cell + " layers=" + layers + (oneHot ? " one-hot" : " embedding")
          + (carried ? " carried state (segment 1)" : " zero state (segment 0)");
    }
  }

  /** Largest relative error per cell: [forward, gradient]. */
  private static final Map<Cell, double[]> WORST = new TreeMap<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void oneThread() {
    PyTorchParityTest.oneThread();
  }

  @AfterAll
  static void summary() {
    System.out.println("PyTorch parity, language model (embedding or one-hot, V=" + LM_VOCAB
        + ", cross-entropy), largest relative error (normwise per tensor) over all cases:");
    System.out.printf("%-12s %-12s %-12s%n", "cell", "forward", "gradient");
    synchronized (WORST) {
      for (Map.Entry<Cell, double[]> e : WORST.entrySet()) {
        System.out.printf("%-12s %-12.3e %-12.3e%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
      }
    }
  }

  static Stream<Case> cases() {
    List<Case> a = new ArrayList<>();
    for (Cell c : Cell.values()) {
      for (int layers = 1; layers <= 2; layers++) {
        for (boolean oneHot : new boolean[] {false, true}) {
          a.add(new Case(c, layers, oneHot, false));
          a.add(new Case(c, layers, oneHot, true));
        }
      }
    }
    return a.stream();
  }

  // ---------------------------------------------------------------- our side

  /** A random text of B streams of 2T+1 tokens (every id of the vocabulary likely to occur). */
  static int[][] text(long seed) {
    Rng r = Rng.of(seed).child("text");
    int[][] s = new int[B][2 * T + 1];
    for (int[] stream : s) {
      for (int i = 0; i < stream.length; i++) {
        stream[i] = r.nextInt(LM_VOCAB);
      }
    }
    return s;
  }

  /** Segment j of the streams: tokens (or their one-hot vectors) at [jT, jT+T), labels one later. */
  static Batch segment(Case c, int[][] text, int j) {
    int[] in = new int[T * B];
    int[] labels = new int[T * B];
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        in[t * B + b] = text[b][j * T + t];
        labels[t * B + b] = text[b][j * T + t + 1];
      }
    }
    if (!c.oneHot()) {
      return Batch.ofTokens(T, B, in, 0, null, Batch.fullLengths(T, B), null, labels, null);
    }
    double[] x = new double[T * B * LM_VOCAB];
    for (int p = 0; p < in.length; p++) {
      x[p * LM_VOCAB + in[p]] = 1.0;
    }
    return new Batch(T, B, LM_VOCAB, x, Batch.fullLengths(T, B), null, labels, null);
  }

  /** Part {@code part} (0: h, 1: c) of every layer of a unidirectional state, in torch's {@code [L][B][H]}. */
  static double[] stateArray(SequenceModel.State s, int part) {
    int layers = s.parts().length;
    double[] v = new double[layers * B * LM_HID];
    for (int k = 0; k < layers; k++) {
      System.arraycopy(s.parts()[k][part], 0, v, k * B * LM_HID, B * LM_HID);
    }
    return v;
  }

  /** An optimiser that changes nothing and keeps a copy of the gradient of its last update. */
  static final class GradientProbe implements Optimizer {
    double[] last;
    int updates;

    @Override
    public void step(double[] params, double[] grads) {
      last = grads.clone();
      updates++;
    }

    @Override
    public void save(StateWriter out) {
      throw new UnsupportedOperationException("a probe has no state to save");
    }

    @Override
    public void restore(StateReader in) {
      throw new UnsupportedOperationException("a probe has no state to restore");
    }
  }

  // ---------------------------------------------------------------- the torch side

  /** nn.Embedding(V, D) as "embedding" (unless one-hot), nn.RNN/LSTM/GRU as "rnn", nn.Linear(H, V) as "readout". */
  static final class TorchLm {
    final Module net = new Module("lm");
    EmbeddingImpl embedding;
    RNNImpl elman;
    LSTMImpl lstm;
    GRUImpl gru;
    final Module rnn;
    final LinearImpl readout;

    TorchLm(Case c) {
      if (!c.oneHot()) {
        embedding = net.register_module("embedding", new EmbeddingImpl(LM_VOCAB, LM_DIM));
      }
      int in = c.oneHot() ? LM_VOCAB : LM_DIM;
      switch (c.cell()) {
        case ELMAN_TANH -> {
          RNNOptions o = new RNNOptions(in, LM_HID);
          o.num_layers().put(c.layers());
          o.nonlinearity().put(new kTanh());
          elman = net.register_module("rnn", new RNNImpl(o));
          rnn = elman;
        }
        case LSTM -> {
          LSTMOptions o = new LSTMOptions(in, LM_HID);
          o.num_layers().put(c.layers());
          lstm = net.register_module("rnn", new LSTMImpl(o));
          rnn = lstm;
        }
        case GRU -> {
          GRUOptions o = new GRUOptions(in, LM_HID);
          o.num_layers().put(c.layers());
          gru = net.register_module("rnn", new GRUImpl(o));
          rnn = gru;
        }
        default -> throw new AssertionError(c.cell());
      }
      readout = net.register_module("readout", new LinearImpl(LM_HID, LM_VOCAB));
      net.to(torch.ScalarType.Double, false);
    }

    /**
     * [logits [T,B,V], h_n [L,B,H], c_n or null] of one segment: one-hot floats {@code x} or token
     * ids, from (h0, c0) or, h0 null, from torch's own zero state.
     */
    Tensor[] forward(Tensor x, Tensor tokens, Tensor h0, Tensor c0) {
      Tensor in = embedding == null ? x : embedding.forward(tokens);
      Tensor out;
      Tensor hn;
      Tensor cn = null;
      if (lstm != null) {
        T_TensorT_TensorTensor_T_T r = h0 == null ? lstm.forward(in) : lstm.forward(in, new T_TensorTensor_T(h0, c0));
        out = r.get0();
        hn = r.get1().get0();
        cn = r.get1().get1();
      } else {
        T_TensorTensor_T r = elman != null ? (h0 == null ? elman.forward(in) : elman.forward(in, h0))
            : (h0 == null ? gru.forward(in) : gru.forward(in, h0));
        out = r.get0();
        hn = r.get1();
      }
      return new Tensor[] {readout.forward(out), hn, cn};
    }
  }

  /** [one-hot x (requiring grad) or null, token ids or null] of a segment. */
  static Tensor[] torchInputs(Case c, Batch b) {
    if (c.oneHot()) {
      return new Tensor[] {tensor(b.inputs(), T, B, LM_VOCAB).requires_grad_(true), null};
    }
    long[] ids = new long[T * B];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = b.tokens()[i];
    }
    return new Tensor[] {null, longTensor(ids, T, B)};
  }

  /** Names, order and shapes of our parameters equal those of torch's named_parameters(). */
  static void assertSameNamesAndShapes(Case c, SequenceModel m, StringTensorDict all) {
    List<String> ours = new ArrayList<>();
    for (Param p : m.params().list()) {
      ours.add(torchName(p.name()));
    }
    assertEquals(keys(all), ours, c + ": parameter names");
    for (Param p : m.params().list()) {
      long[] want = p.kind() == Params.Kind.BIAS ? new long[] {p.size()} : new long[] {p.rows(), p.cols()};
      assertEquals(Arrays.toString(want), Arrays.toString(shape(all.get(torchName(p.name())))),
          c + ": shape of " + p.name());
    }
  }

  /** h_n (and c_n) of every layer: ours against torch's. */
  static double checkState(Case c, String what, SequenceModel.State ours, Tensor hn, Tensor cn, double tol) {
    double e = check(what + " h", values(hn), stateArray(ours, 0), tol);
    if (c.cell() == Cell.LSTM) {
      e = Math.max(e, check(what + " c", values(cn), stateArray(ours, 1), tol));
    }
    return e;
  }

  // ---------------------------------------------------------------- the test

  /** Our parameters into torch; outputs, loss, states and every gradient of one segment agree. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("try") // the scope and guard act by existing
  void segmentAgreesWithTorch(Case c) throws IOException {
    String what = c.toString();
    try (PointerScope scope = new PointerScope()) {
      SequenceModel m = c.model();
      int[][] text = text(c.seed());
      Batch seg0 = segment(c, text, 0);
      Batch seg1 = segment(c, text, 1);
      Batch seg = c.carried() ? seg1 : seg0;
      TorchLm tn = new TorchLm(c);
      StringTensorDict tp = tn.net.named_parameters();
      assertSameNamesAndShapes(c, m, tp);

      // 1. our parameters -> ParamsIO JSON -> the torch module's parameters, by name
      Path file = tmp.resolve("ours.json");
      ParamsIO.save(m.params(), file);
      Map<String, Tensor> fromJson = readTensors(file);
      assertEquals(m.params().list().size(), fromJson.size(), what + ": parameters in the JSON");
      try (NoGradGuard g = new NoGradGuard()) {
        for (Map.Entry<String, Tensor> e : fromJson.entrySet()) {
          tp.get(torchName(e.getKey())).copy_(e.getValue());
        }
      }
      assertSameValues(what, m, tp);

      // 2. ours: the training step itself, segment 0 fresh, then (carried) segment 1 continuing it
      m.setInputGradient(c.oneHot());
      GradientProbe probe = new GradientProbe();
      Trainer trainer = new Trainer(m, probe, new NoClip(), 0);
      double ourLoss = trainer.step(seg0, false).loss();
      SequenceModel.State carried = m.finalState();
      SequenceModel.State ourInitGrad = null;
      if (c.carried()) {
        ourLoss = trainer.step(seg1, true).loss();
        ourInitGrad = m.initialStateGradient();
      }
      assertEquals(c.carried() ? 2 : 1, probe.updates, what + ": one update per segment");
      double[] ourGrads = probe.last;
      double[] ourDx = c.oneHot() ? Arrays.copyOf(m.inputGradient(), T * B * LM_VOCAB) : null;
      SequenceModel.State ourLast = m.zeroState(B);
      double[] ourLogits = m.predict(seg, c.carried() ? carried : null, ourLast);
      double[] ourLogProbs = ourLogits.clone();
      LogSoftmax.inPlace(ourLogProbs, T * B, LM_VOCAB);

      // ... torch's: segment 0 without a graph, its final state as detached leaves, then the segment
      double fwd = 0.0;
      Tensor h0 = null;
      Tensor c0 = null;
      if (c.carried()) {
        try (NoGradGuard g = new NoGradGuard()) {
          Tensor[] in0 = torchInputs(c, seg0);
          Tensor[] o0 = tn.forward(in0[0], in0[1], null, null);
          fwd = checkState(c, what + ": state carried out of segment 0,", carried, o0[1], o0[2], FORWARD_TOL);
          h0 = o0[1].detach().clone();
          c0 = o0[2] == null ? null : o0[2].detach().clone();
        }
        h0.requires_grad_(true);
        if (c0 != null) {
          c0.requires_grad_(true);
        }
      }
      Tensor[] in = torchInputs(c, seg);
      Tensor[] o = tn.forward(in[0], in[1], h0, c0);
      long[] labelIds = new long[T * B];
      for (int i = 0; i < labelIds.length; i++) {
        labelIds[i] = seg.labels()[i];
      }
      Tensor labels = longTensor(labelIds, (long) T * B);
      long reductionSum = 2; // at::Reduction::Sum
      Tensor loss = torch.cross_entropy_loss(o[0].reshape((long) T * B, LM_VOCAB), labels, new TensorOptional(),
          reductionSum, -100, 0.0).div(new Scalar((double) (T * B)));
      loss.backward();

      fwd = Math.max(fwd, check(what + ": logits", values(o[0]), ourLogits, FORWARD_TOL));
      fwd = Math.max(fwd, check(what + ": log-probabilities", values(torch.log_softmax(o[0], 2)), ourLogProbs,
          FORWARD_TOL));
      fwd = Math.max(fwd, check(what + ": loss", new double[] {loss.item_double()}, new double[] {ourLoss},
          FORWARD_TOL));
      fwd = Math.max(fwd, checkState(c, what + ": final state", ourLast, o[1], o[2], FORWARD_TOL));

      // 3. every parameter's gradient by name, dL/dx of one-hot inputs, dL/d(carried state)
      double grad = 0.0;
      for (Param p : m.params().list()) {
        Tensor gt = tp.get(torchName(p.name())).grad();
        assertTrue(gt.defined(), what + ": torch has no gradient for " + p.name());
        grad = Math.max(grad, check(what + ": grad " + p.name(), values(gt), slice(ourGrads, p), GRADIENT_TOL));
      }
      if (c.oneHot()) {
        grad = Math.max(grad, check(what + ": dL/dx", values(in[0].grad()), ourDx, GRADIENT_TOL));
      }
      if (c.carried()) {
        grad = Math.max(grad, checkState(c, what + ": dL/d(initial state)", ourInitGrad, h0.grad(),
            c0 == null ? null : c0.grad(), GRADIENT_TOL));
      }
      synchronized (WORST) {
        double[] w = WORST.computeIfAbsent(c.cell(), k -> new double[2]);
        w[0] = Math.max(w[0], fwd);
        w[1] = Math.max(w[1], grad);
      }
    }
  }
}
