package org.rnnlab.bench.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rnnlab.engine.ParityModels.B;
import static org.rnnlab.engine.ParityModels.DIM;
import static org.rnnlab.engine.ParityModels.FEATURES;
import static org.rnnlab.engine.ParityModels.HID;
import static org.rnnlab.engine.ParityModels.IN;
import static org.rnnlab.engine.ParityModels.OUT;
import static org.rnnlab.engine.ParityModels.T;
import static org.rnnlab.engine.ParityModels.VOCAB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LSTMImpl;
import org.bytedeco.pytorch.LSTMOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.PackedSequence;
import org.bytedeco.pytorch.RNNImpl;
import org.bytedeco.pytorch.RNNOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.T_PackedSequenceT_TensorTensor_T_T;
import org.bytedeco.pytorch.T_PackedSequenceTensor_T;
import org.bytedeco.pytorch.T_TensorT_TensorTensor_T_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.kReLU;
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
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.layer.BidirectionalLayer.Merge;
import org.rnnlab.engine.layer.SequenceLayer;

/**
 * The engine against real PyTorch (libtorch 2.10 through the JavaCPP presets of the Maven profile
 * {@code pytorch}), in float64 on both sides and one thread: {@code make pytorch-parity}.
 *
 * <p>For nn.RNN (tanh, relu), nn.LSTM and nn.GRU (our {@code reset_after: true}; the Cho et al.
 * form has no torch counterpart), with 1 and 2 layers and both readouts, input 3, hidden 5,
 * batch 4, T 7, random inputs and targets; unidirectional and {@code bidirectional=True}
 * (our concat merge; our sum merge against torch's two halves added, one layer), full lengths
 * and ragged ones (torch: {@code pack_padded_sequence}, unsorted), and an nn.Embedding with two
 * real features concatenated to its vectors:
 * <ol>
 *   <li>our parameters go to libtorch through the exchange format itself: {@link ParamsIO#save}
 *       writes the JSON, which is read back into tensors by name and copied into the torch
 *       module's parameter of the same name ({@code rnn.<name>} for the recurrent module,
 *       {@code embedding.weight} and {@code readout.weight/bias} as they are); names, order and
 *       shapes must equal torch's {@code named_parameters()} exactly, and the copied values our
 *       values bit for bit;</li>
 *   <li>h_t of the top layer at every valid step, h_n (and c_n) of every layer and direction,
 *       the readout's outputs and the MSE loss (over valid steps) agree to 1e-12 (relative,
 *       normwise per tensor);</li>
 *   <li>after backward on both sides every parameter's gradient, by name, and dL/dx agree to 1e-10.</li>
 * </ol>
 * The other direction: a module with torch's own default initialisation is exported as
 * {@code {name: tensor.tolist()}} JSON, loaded into our model with {@link ParamsIO#load}, and the
 * forward passes agree.
 *
 * <p>The language-model stack (nn.Embedding or one-hot inputs, a vocabulary of 83, the softmax
 * cross-entropy of token targets, truncated BPTT's carried state) is checked by
 * {@link PyTorchLanguageModelParityTest}, which {@code make pytorch-parity} runs as well.
 */
class PyTorchParityTest {
  /** Outputs, final states and loss: float64 on both sides, only summation order differs. */
  static final double FORWARD_TOL = 1e-12;
  /** Gradients: longer chains of products and sums (BPTT over T steps). */
  static final double GRADIENT_TOL = 1e-10;
  /** Ragged batches: unsorted, one sequence of length 1, one full. */
  static final int[] LENGTHS = {5, 7, 1, 3};

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The cells PyTorch has (the GRU in its reset-after form). */
  enum Cell {
    ELMAN_TANH(Kind.ELMAN_TANH), ELMAN_RELU(Kind.ELMAN_RELU), LSTM(Kind.LSTM), GRU(Kind.GRU_RESET_AFTER);

    final Kind kind;

    Cell(Kind kind) {
      this.kind = kind;
    }
  }

  /** One parity case; {@code merge} null: unidirectional. */
  record Case(Cell cell, int layers, ReadoutMode mode, Merge merge, boolean ragged, boolean embedded) {
    boolean bidirectional() {
      return merge != null;
    }

    /** Width of the top layer's output. */
    int width() {
      return merge == Merge.CONCAT ? 2 * HID : HID;
    }

    /** Real features per step in the batch. */
    int features() {
      return embedded ? FEATURES : IN;
    }

    /** The seeds of the unidirectional cases are those they had before bidirectional cases existed. */
    long seed() {
      return 1000L + 100L * cell.ordinal() + 10L * layers + mode.ordinal()
          + (merge == null ? 0 : 2000L * (merge.ordinal() + 1)) + (ragged ? 10_000L : 0) + (embedded ? 20_000L : 0);
    }

    SequenceModel model() {
      if (embedded) {
        return ParityModels.embedded(cell.kind, mode, seed());
      }
      return merge == null ? ParityModels.model(cell.kind, layers, mode, seed())
          : ParityModels.bidirectional(cell.kind, layers, merge, mode, seed());
    }

    @Override
    public String toString() {
      return cell + (merge == null ? "" : " bidirectional " + merge) + (embedded ? " embedded" : "")
          + " layers=" + layers + " " + mode + (ragged ? " ragged" : "");
    }
  }

  /** Largest relative error seen per cell type: [forward, gradient], for the summary. */
  private static final Map<Cell, double[]> WORST = new TreeMap<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void oneThread() {
    torch.set_num_threads(1);
    assertEquals(1, torch.get_num_threads(), "libtorch must run on one thread");
    if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
      System.err.println("WARNING: OMP_NUM_THREADS is not 1; run through `make pytorch-parity`");
    }
  }

  @AfterAll
  static void summary() {
    System.out.println("PyTorch parity, largest relative error (normwise per tensor) over all cases:");
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
      for (ReadoutMode mode : ReadoutMode.values()) {
        for (int layers = 1; layers <= 2; layers++) {
          a.add(new Case(c, layers, mode, null, false, false));
          a.add(new Case(c, layers, mode, Merge.CONCAT, false, false));
          a.add(new Case(c, layers, mode, Merge.CONCAT, true, false));
        }
        a.add(new Case(c, 2, mode, null, true, false));
        a.add(new Case(c, 1, mode, Merge.SUM, true, false));
      }
      a.add(new Case(c, 1, ReadoutMode.EVERY_STEP, Merge.CONCAT, true, true));
    }
    return a.stream();
  }

  static Stream<Case> torchInitCases() {
    List<Case> a = new ArrayList<>();
    for (Cell c : Cell.values()) {
      for (int layers = 1; layers <= 2; layers++) {
        a.add(new Case(c, layers, ReadoutMode.EVERY_STEP, null, false, false));
        a.add(new Case(c, layers, ReadoutMode.EVERY_STEP, Merge.CONCAT, false, false));
      }
      a.add(new Case(c, 1, ReadoutMode.EVERY_STEP, Merge.CONCAT, false, true));
    }
    return a.stream();
  }

  // ---------------------------------------------------------------- our side

  /** Random inputs and targets (and token ids, -1 on padding: never read) for a case. */
  static Batch batch(Case c, long seed) {
    Rng r = Rng.of(seed).child("data");
    double[] x = new double[T * B * c.features()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[(c.mode() == ReadoutMode.EVERY_STEP ? T : 1) * B * OUT];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.gaussian();
    }
    int[] lengths = c.ragged() ? LENGTHS.clone() : Batch.fullLengths(T, B);
    int[] tokens = null;
    if (c.embedded()) {
      tokens = new int[T * B];
      for (int t = 0; t < T; t++) {
        for (int b = 0; b < B; b++) {
          tokens[t * B + b] = t < lengths[b] ? r.nextInt(VOCAB) : -1;
        }
      }
    }
    return new Batch(T, B, c.features(), x, lengths, y, null, null, tokens);
  }

  /** The outputs of the top layer after the last forward pass, {@code [T][B][width]}. */
  static double[] ourTop(SequenceModel m) {
    SequenceLayer top = m.layers().get(m.layers().size() - 1);
    double[] h = new double[T * B * top.outputSize()];
    System.arraycopy(top.output(), top.outputOffset(), h, 0, h.length);
    return h;
  }

  /**
   * Part {@code part} (0: h, 1: c) of every layer's and direction's final state, in torch's
   * h_n layout {@code [layers * directions][B][HID]} (layer 0 forward, layer 0 reverse, ...).
   */
  static double[] ourFinal(SequenceModel m, int part, int directions) {
    SequenceModel.State s = m.finalState();
    int layers = s.parts().length;
    double[] v = new double[layers * directions * B * HID];
    for (int k = 0; k < layers; k++) {
      int perDirection = s.parts()[k].length / directions;
      for (int d = 0; d < directions; d++) {
        System.arraycopy(s.parts()[k][d * perDirection + part], 0, v, (k * directions + d) * B * HID, B * HID);
      }
    }
    return v;
  }

  static double[] slice(double[] all, Param p) {
    double[] v = new double[p.size()];
    System.arraycopy(all, p.offset(), v, 0, v.length);
    return v;
  }

  /** The rows (t, b) of a {@code [T][B][width]} array with t within sequence b's length. */
  static double[] valid(double[] v, int[] lengths, int width) {
    List<Double> kept = new ArrayList<>();
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        if (t < lengths[b]) {
          for (int j = 0; j < width; j++) {
            kept.add(v[(t * B + b) * width + j]);
          }
        }
      }
    }
    return kept.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // ---------------------------------------------------------------- the torch side

  /**
   * nn.Embedding(VOCAB, DIM) as "embedding" (embedded cases), nn.RNN/LSTM/GRU as "rnn" and
   * nn.Linear(width, OUT) as "readout", registered in that order, in float64.
   */
  static final class TorchNet {
    final Case c;
    final Module net = new Module("net");
    EmbeddingImpl embedding;
    RNNImpl elman;
    LSTMImpl lstm;
    GRUImpl gru;
    final Module rnn;
    final LinearImpl readout;

    TorchNet(Case c) {
      this.c = c;
      if (c.embedded()) {
        embedding = net.register_module("embedding", new EmbeddingImpl(VOCAB, DIM));
      }
      int in = c.embedded() ? DIM + FEATURES : IN;
      switch (c.cell()) {
        case ELMAN_TANH, ELMAN_RELU -> {
          RNNOptions o = new RNNOptions(in, HID);
          o.num_layers().put(c.layers());
          o.bidirectional().put(c.bidirectional());
          if (c.cell() == Cell.ELMAN_RELU) {
            o.nonlinearity().put(new kReLU());
          } else {
            o.nonlinearity().put(new kTanh());
          }
          elman = net.register_module("rnn", new RNNImpl(o));
          rnn = elman;
        }
        case LSTM -> {
          LSTMOptions o = new LSTMOptions(in, HID);
          o.num_layers().put(c.layers());
          o.bidirectional().put(c.bidirectional());
          lstm = net.register_module("rnn", new LSTMImpl(o));
          rnn = lstm;
        }
        case GRU -> {
          GRUOptions o = new GRUOptions(in, HID);
          o.num_layers().put(c.layers());
          o.bidirectional().put(c.bidirectional());
          gru = net.register_module("rnn", new GRUImpl(o));
          rnn = gru;
        }
        default -> throw new AssertionError(c.cell());
      }
      readout = net.register_module("readout", new LinearImpl(c.width(), OUT));
      net.to(torch.ScalarType.Double, false);
    }

    /**
     * [output [T,B,directions*HID], h_n [L*directions,B,HID], c_n or null] for the input (real
     * features, and token ids if embedded), packed by {@code lengths} if not null (padding: 0).
     */
    Tensor[] forward(Tensor x, Tensor tokens, Tensor lengths) {
      Tensor in = embedding == null ? x : torch.cat(new TensorVector(embedding.forward(tokens), x), 2);
      if (lengths == null) {
        if (lstm != null) {
          T_TensorT_TensorTensor_T_T r = lstm.forward(in);
          return new Tensor[] {r.get0(), r.get1().get0(), r.get1().get1()};
        }
        T_TensorTensor_T r = elman != null ? elman.forward(in) : gru.forward(in);
        return new Tensor[] {r.get0(), r.get1(), null};
      }
      PackedSequence p = torch.pack_padded_sequence(in, lengths, false, false);
      if (lstm != null) {
        T_PackedSequenceT_TensorTensor_T_T r = lstm.forward_with_packed_input(p);
        return new Tensor[] {padded(r.get0()), r.get1().get0(), r.get1().get1()};
      }
      T_PackedSequenceTensor_T r = elman != null ? elman.forward_with_packed_input(p) : gru.forward_with_packed_input(p);
      return new Tensor[] {padded(r.get0()), r.get1(), null};
    }

    private static Tensor padded(PackedSequence p) {
      return torch.pad_packed_sequence(p, false, 0.0, new LongOptional(T)).get0();
    }

    /** What our readout reads: every step (sum merge: the halves added), or the top layer's h_n of each direction. */
    Tensor top(Tensor[] o) {
      if (c.mode() == ReadoutMode.EVERY_STEP) {
        return c.merge() == Merge.SUM ? o[0].narrow(2, 0, HID).add(o[0].narrow(2, HID, HID)) : o[0];
      }
      if (!c.bidirectional()) {
        return o[1].select(0, c.layers() - 1);
      }
      Tensor f = o[1].select(0, 2L * c.layers() - 2);
      Tensor r = o[1].select(0, 2L * c.layers() - 1);
      return c.merge() == Merge.SUM ? f.add(r) : torch.cat(new TensorVector(f, r), 1);
    }
  }

  /** The torch name of one of our parameters in {@link TorchNet}. */
  static String torchName(String ours) {
    return ours.startsWith("readout.") || ours.startsWith("embedding.") ? ours : "rnn." + ours;
  }

  /** A float64 tensor owning a copy of {@code values}. */
  static Tensor tensor(double[] values, long... shape) {
    try (DoublePointer p = new DoublePointer(values)) {
      return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Double)).clone();
    }
  }

  /** An int64 tensor owning a copy of {@code values}. */
  static Tensor longTensor(long[] values, long... shape) {
    try (LongPointer p = new LongPointer(values)) {
      return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Long)).clone();
    }
  }

  static long[] shape(Tensor t) {
    long[] s = new long[(int) t.dim()];
    for (int i = 0; i < s.length; i++) {
      s[i] = t.size(i);
    }
    return s;
  }

  static double[] values(Tensor t) {
    // a returned ScalarType is a fresh enum-like object: compare the enum values
    assertEquals(torch.ScalarType.Double.value, t.scalar_type().value, "tensor must be float64");
    Tensor c = t.contiguous();
    double[] v = new double[(int) c.numel()];
    c.data_ptr_double().get(v);
    return v;
  }

  static List<String> keys(StringTensorDict d) {
    List<String> k = new ArrayList<>();
    for (long i = 0; i < d.size(); i++) {
      k.add(d.get(i).key().getString());
    }
    return k;
  }

  /** The batch's input tensors for torch: [x (features), token ids (padding as 0) or null, lengths or null]. */
  static Tensor[] torchInputs(Case c, Batch b) {
    Tensor x = tensor(b.inputs(), T, B, c.features()).requires_grad_(true);
    Tensor tokens = null;
    if (c.embedded()) {
      long[] ids = new long[T * B];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = Math.max(0, b.tokens()[i]);
      }
      tokens = longTensor(ids, T, B);
    }
    Tensor lengths = null;
    if (c.ragged()) {
      long[] l = new long[B];
      for (int i = 0; i < B; i++) {
        l[i] = b.lengths()[i];
      }
      lengths = longTensor(l, B);
    }
    return new Tensor[] {x, tokens, lengths};
  }

  // ---------------------------------------------------------------- the exchange format

  /** Reads a ParamsIO JSON file into tensors by name (matrices: arrays of rows; biases: flat). */
  static Map<String, Tensor> readTensors(Path file) throws IOException {
    Map<String, Tensor> out = new java.util.LinkedHashMap<>();
    JsonNode root = JSON.readTree(file.toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = e.getValue();
      if (a.size() > 0 && a.get(0).isArray()) {
        int rows = a.size();
        int cols = a.get(0).size();
        double[] v = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
          assertEquals(cols, a.get(r).size(), e.getKey() + ": ragged rows");
          for (int c = 0; c < cols; c++) {
            v[r * cols + c] = a.get(r).get(c).doubleValue();
          }
        }
        out.put(e.getKey(), tensor(v, rows, cols));
      } else {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = a.get(i).doubleValue();
        }
        out.put(e.getKey(), tensor(v, v.length));
      }
    }
    return out;
  }

  /** Writes a torch module's parameters as {@code {name: tensor.tolist()}} JSON, {@code rnn.} dropped. */
  static void writeTorchState(StringTensorDict params, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    for (String name : keys(params)) {
      Tensor t = params.get(name);
      double[] v = values(t);
      long[] s = shape(t);
      ArrayNode a = root.putArray(name.startsWith("rnn.") ? name.substring(4) : name);
      if (s.length == 1) {
        for (double x : v) {
          a.add(x);
        }
      } else {
        assertEquals(2, s.length, name);
        for (int r = 0; r < s[0]; r++) {
          ArrayNode row = a.addArray();
          for (int c = 0; c < s[1]; c++) {
            row.add(v[(int) (r * s[1] + c)]);
          }
        }
      }
    }
    JSON.writeValue(file.toFile(), root);
  }

  /** Names, order and shapes of our parameters equal torch's named_parameters(). */
  static void assertSameNamesAndShapes(SequenceModel m, TorchNet tn) {
    List<String> ours = new ArrayList<>();
    List<String> oursRecurrent = new ArrayList<>();
    for (Param p : m.params().list()) {
      ours.add(torchName(p.name()));
      if (torchName(p.name()).startsWith("rnn.")) {
        oursRecurrent.add(p.name());
      }
    }
    assertEquals(keys(tn.rnn.named_parameters()), oursRecurrent, tn.c + ": recurrent parameter names");
    StringTensorDict all = tn.net.named_parameters();
    assertEquals(keys(all), ours, tn.c + ": all parameter names");
    for (Param p : m.params().list()) {
      long[] want = p.kind() == Params.Kind.BIAS ? new long[] {p.size()} : new long[] {p.rows(), p.cols()};
      assertEquals(java.util.Arrays.toString(shape(all.get(torchName(p.name())))), java.util.Arrays.toString(want),
          tn.c + ": shape of " + p.name());
    }
  }

  /** Every parameter of ours, by name, equals torch's bit for bit. */
  static void assertSameValues(String what, SequenceModel m, StringTensorDict tp) {
    for (Param p : m.params().list()) {
      double[] want = values(tp.get(torchName(p.name())));
      double[] got = slice(m.params().values(), p);
      for (int i = 0; i < want.length; i++) {
        assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
            what + ": " + p.name() + "[" + i + "] did not survive the JSON exactly");
      }
    }
  }

  // ---------------------------------------------------------------- comparisons

  /** max |got - want| / max |want| over the tensor; fails above tol. Returns the error. */
  static double check(String what, double[] want, double[] got, double tol) {
    assertEquals(want.length, got.length, what + ": length");
    double scale = 0.0;
    double diff = 0.0;
    int worst = 0;
    for (int i = 0; i < want.length; i++) {
      scale = Math.max(scale, Math.abs(want[i]));
      double d = Math.abs(want[i] - got[i]);
      if (!(d <= diff)) {
        diff = d;
        worst = i;
      }
    }
    assertTrue(scale > 1e-3, what + ": torch's values are all ~0 (max " + scale + "), the comparison would be vacuous");
    double rel = diff / scale;
    if (!(rel <= tol)) {
      fail(String.format("%s: relative error %.3e > %.0e (max |diff| %.3e, max |torch| %.3e; worst index %d: torch %.17g, rnnlab %.17g)",
          what, rel, tol, diff, scale, worst, want[worst], got[worst]));
    }
    return rel;
  }

  static void record(Cell c, double forward, double gradient) {
    synchronized (WORST) {
      double[] w = WORST.computeIfAbsent(c, k -> new double[2]);
      w[0] = Math.max(w[0], forward);
      w[1] = Math.max(w[1], gradient);
    }
  }

  /** h_t of the top layer, h_n (and c_n) and the readout, ours against torch's; the largest error. */
  static double checkForward(Case c, String what, SequenceModel m, Batch b, Tensor[] o, Tensor y, double[] ourY) {
    int[] lengths = b.lengths();
    int directions = c.bidirectional() ? 2 : 1;
    Tensor h = c.merge() == Merge.SUM ? o[0].narrow(2, 0, HID).add(o[0].narrow(2, HID, HID)) : o[0];
    double fwd = check(what + ": h_t (top layer, every valid step)", valid(values(h), lengths, c.width()),
        valid(ourTop(m), lengths, c.width()), FORWARD_TOL);
    fwd = Math.max(fwd, check(what + ": h_n", values(o[1]), ourFinal(m, 0, directions), FORWARD_TOL));
    if (c.cell() == Cell.LSTM) {
      fwd = Math.max(fwd, check(what + ": c_n", values(o[2]), ourFinal(m, 1, directions), FORWARD_TOL));
    }
    double[] torchY = values(y);
    if (c.mode() == ReadoutMode.EVERY_STEP) {
      torchY = valid(torchY, lengths, OUT);
      ourY = valid(ourY, lengths, OUT);
    }
    return Math.max(fwd, check(what + ": readout", torchY, ourY, FORWARD_TOL));
  }

  /** Torch's MSE of the readout {@code y} (in {@code type}) over the valid positions, as our loss. */
  static Tensor mseLoss(Case c, Batch b, Tensor y, torch.ScalarType type) {
    Tensor target = (c.mode() == ReadoutMode.EVERY_STEP ? tensor(b.targets(), T, B, OUT) : tensor(b.targets(), B, OUT))
        .to(type);
    if (!(c.ragged() && c.mode() == ReadoutMode.EVERY_STEP)) {
      return torch.mse_loss(y, target);
    }
    double[] w = new double[T * B * OUT];
    int count = 0;
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < B; i++) {
        if (t < b.lengths()[i]) {
          java.util.Arrays.fill(w, (t * B + i) * OUT, (t * B + i + 1) * OUT, 1.0);
          count++;
        }
      }
    }
    Tensor d = y.sub(target);
    return d.mul(d).mul(tensor(w, T, B, OUT).to(type)).sum().div(new Scalar((double) (count * OUT)));
  }

  // ---------------------------------------------------------------- the tests

  /** Our parameters into torch through ParamsIO's JSON; forward, loss and every gradient agree. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("try") // the scope and guard act by existing
  void oursInTorchGivesTheSameOutputsLossAndGradients(Case c) throws IOException {
    String what = c.toString();
    try (PointerScope scope = new PointerScope()) {
      SequenceModel m = c.model();
      Batch b = batch(c, c.seed());
      TorchNet tn = new TorchNet(c);
      assertSameNamesAndShapes(m, tn);

      // 1. our parameters -> ParamsIO JSON -> tensors by name -> the torch module's parameters
      Path file = tmp.resolve("ours.json");
      ParamsIO.save(m.params(), file);
      Map<String, Tensor> fromJson = readTensors(file);
      StringTensorDict tp = tn.net.named_parameters();
      assertEquals(m.params().list().size(), fromJson.size(), what + ": parameters in the JSON");
      try (NoGradGuard g = new NoGradGuard()) {
        for (Map.Entry<String, Tensor> e : fromJson.entrySet()) {
          Tensor dst = tp.get(torchName(e.getKey()));
          assertEquals(java.util.Arrays.toString(shape(dst)), java.util.Arrays.toString(shape(e.getValue())),
              what + ": JSON shape of " + e.getKey());
          dst.copy_(e.getValue());
        }
      }
      assertSameValues(what, m, tp);

      // 2. forward and backward on our side
      m.setInputGradient(true);
      m.params().zeroGrads();
      double ourLoss = m.forwardBackward(b, 0, T, null);
      double[] ourDx = m.inputGradient().clone();
      double[] ourGrads = m.params().grads().clone();
      double[] ourY = m.predict(b, B);   // its forward pass leaves the states checked below

      // ... and on torch's: the MSE over the valid positions (all of them with a last-step readout)
      Tensor[] in = torchInputs(c, b);
      Tensor[] o = tn.forward(in[0], in[1], in[2]);
      Tensor y = tn.readout.forward(tn.top(o));
      Tensor loss = mseLoss(c, b, y, torch.ScalarType.Double);
      loss.backward();

      double fwd = checkForward(c, what, m, b, o, y, ourY);
      fwd = Math.max(fwd, check(what + ": loss", new double[] {loss.item_double()}, new double[] {ourLoss}, FORWARD_TOL));

      // 3. every parameter's gradient, by name, and dL/dx (of the real features beside the tokens, if embedded)
      double grad = 0.0;
      for (Param p : m.params().list()) {
        Tensor gt = tp.get(torchName(p.name())).grad();
        assertTrue(gt.defined(), what + ": torch has no gradient for " + p.name());
        grad = Math.max(grad, check(what + ": grad " + p.name(), values(gt), slice(ourGrads, p), GRADIENT_TOL));
      }
      grad = Math.max(grad, check(what + ": dL/dx", values(in[0].grad()), ourDx, GRADIENT_TOL));
      record(c.cell(), fwd, grad);
    }
  }

  /** The other direction: torch's default initialisation, exported as JSON, loaded with ParamsIO. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("torchInitCases")
  @SuppressWarnings("try") // the scope and guard act by existing
  void torchInitialisedStateLoadsIntoOurModel(Case c) throws IOException {
    long seed = 5000L + 10L * c.cell().ordinal() + c.layers() + (c.bidirectional() ? 100 : 0) + (c.embedded() ? 200 : 0);
    String what = c + " (torch init)";
    try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
      torch.manual_seed(seed);
      TorchNet tn = new TorchNet(c);
      SequenceModel m = c.model();
      assertSameNamesAndShapes(m, tn);
      Path file = tmp.resolve("torch.json");
      StringTensorDict tp = tn.net.named_parameters();
      writeTorchState(tp, file);
      ParamsIO.load(m.params(), file);
      assertSameValues(what, m, tp);

      Batch b = batch(c, seed);
      double[] ourY = m.predict(b, B);
      Tensor[] in = torchInputs(c, b);
      Tensor[] o = tn.forward(in[0], in[1], in[2]);
      Tensor y = tn.readout.forward(tn.top(o));
      record(c.cell(), checkForward(c, what, m, b, o, y, ourY), 0.0);
    }
  }
}
