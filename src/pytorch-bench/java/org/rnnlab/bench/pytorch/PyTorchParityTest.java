package org.rnnlab.bench.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rnnlab.engine.ParityModels.B;
import static org.rnnlab.engine.ParityModels.HID;
import static org.rnnlab.engine.ParityModels.IN;
import static org.rnnlab.engine.ParityModels.OUT;
import static org.rnnlab.engine.ParityModels.T;

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
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LSTMImpl;
import org.bytedeco.pytorch.LSTMOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.RNNImpl;
import org.bytedeco.pytorch.RNNOptions;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.T_TensorT_TensorTensor_T_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.kReLU;
import org.bytedeco.pytorch.kTanh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
import org.rnnlab.engine.cell.RecurrentLayer;
import org.rnnlab.engine.loss.MseLoss;

/**
 * The engine against real PyTorch (libtorch 2.10 through the JavaCPP presets of the Maven profile
 * {@code pytorch}), in float64 on both sides and one thread: {@code make pytorch-parity}.
 *
 * <p>For nn.RNN (tanh, relu), nn.LSTM and nn.GRU (our {@code reset_after: true}; the Cho et al.
 * form has no torch counterpart), with 1 and 2 layers and both readouts, input 3, hidden 5,
 * batch 4, T 7, random inputs and targets:
 * <ol>
 *   <li>our parameters go to libtorch through the exchange format itself: {@link ParamsIO#save}
 *       writes the JSON, which is read back into tensors by name and copied into the torch
 *       module's parameter of the same name ({@code rnn.<name>} for the recurrent module,
 *       {@code readout.weight/bias} for a torch Linear); names, order and shapes must equal
 *       torch's {@code named_parameters()} exactly, and the copied values our values bit for bit;</li>
 *   <li>h_t of the top layer at every step, h_n (and c_n) of every layer, the readout's outputs and
 *       the MSE loss agree to 1e-12 (relative, normwise per tensor);</li>
 *   <li>after backward on both sides every parameter's gradient, by name, and dL/dx agree to 1e-10.</li>
 * </ol>
 * The other direction: a module with torch's own default initialisation is exported as
 * {@code {name: tensor.tolist()}} JSON, loaded into our model with {@link ParamsIO#load}, and the
 * forward passes agree.
 */
class PyTorchParityTest {
  /** Outputs, final states and loss: float64 on both sides, only summation order differs. */
  static final double FORWARD_TOL = 1e-12;
  /** Gradients: longer chains of products and sums (BPTT over T steps). */
  static final double GRADIENT_TOL = 1e-10;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The cells PyTorch has (the GRU in its reset-after form). */
  enum Cell {
    ELMAN_TANH(Kind.ELMAN_TANH), ELMAN_RELU(Kind.ELMAN_RELU), LSTM(Kind.LSTM), GRU(Kind.GRU_RESET_AFTER);

    final Kind kind;

    Cell(Kind kind) {
      this.kind = kind;
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

  static Stream<Arguments> cases() {
    List<Arguments> a = new ArrayList<>();
    for (Cell c : Cell.values()) {
      for (int layers = 1; layers <= 2; layers++) {
        for (ReadoutMode mode : ReadoutMode.values()) {
          a.add(Arguments.of(c, layers, mode));
        }
      }
    }
    return a.stream();
  }

  static Stream<Arguments> torchInitCases() {
    List<Arguments> a = new ArrayList<>();
    for (Cell c : Cell.values()) {
      for (int layers = 1; layers <= 2; layers++) {
        a.add(Arguments.of(c, layers));
      }
    }
    return a.stream();
  }

  // ---------------------------------------------------------------- our side

  static Batch batch(ReadoutMode mode, long seed) {
    Rng r = Rng.of(seed).child("data");
    double[] x = new double[T * B * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[(mode == ReadoutMode.EVERY_STEP ? T : 1) * B * OUT];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.gaussian();
    }
    return new Batch(T, B, IN, x, Batch.fullLengths(T, B), y, null, null);
  }

  /** h_1..h_T of the top layer after the last forward pass, {@code [T][B][HID]}. */
  static double[] ourTop(SequenceModel m) {
    RecurrentLayer top = m.layers().get(m.layers().size() - 1);
    double[] h = new double[T * B * HID];
    System.arraycopy(top.output(), top.outputOffset(), h, 0, h.length);
    return h;
  }

  /** Part {@code part} (0: h, 1: c) of every layer's final state, {@code [layers][B][HID]}. */
  static double[] ourFinal(SequenceModel m, int part) {
    SequenceModel.State s = m.finalState();
    int layers = s.parts().length;
    double[] v = new double[layers * B * HID];
    for (int k = 0; k < layers; k++) {
      System.arraycopy(s.parts()[k][part], 0, v, k * B * HID, B * HID);
    }
    return v;
  }

  static double[] slice(double[] all, Param p) {
    double[] v = new double[p.size()];
    System.arraycopy(all, p.offset(), v, 0, v.length);
    return v;
  }

  // ---------------------------------------------------------------- the torch side

  /** nn.RNN/LSTM/GRU registered as "rnn" and nn.Linear(HID, OUT) as "readout", in float64. */
  static final class TorchNet {
    final Cell cell;
    final Module net = new Module("net");
    RNNImpl elman;
    LSTMImpl lstm;
    GRUImpl gru;
    final Module rnn;
    final LinearImpl readout;

    TorchNet(Cell cell, int layers) {
      this.cell = cell;
      switch (cell) {
        case ELMAN_TANH, ELMAN_RELU -> {
          RNNOptions o = new RNNOptions(IN, HID);
          o.num_layers().put(layers);
          if (cell == Cell.ELMAN_RELU) {
            o.nonlinearity().put(new kReLU());
          } else {
            o.nonlinearity().put(new kTanh());
          }
          elman = net.register_module("rnn", new RNNImpl(o));
          rnn = elman;
        }
        case LSTM -> {
          LSTMOptions o = new LSTMOptions(IN, HID);
          o.num_layers().put(layers);
          lstm = net.register_module("rnn", new LSTMImpl(o));
          rnn = lstm;
        }
        case GRU -> {
          GRUOptions o = new GRUOptions(IN, HID);
          o.num_layers().put(layers);
          gru = net.register_module("rnn", new GRUImpl(o));
          rnn = gru;
        }
        default -> throw new AssertionError(cell);
      }
      readout = net.register_module("readout", new LinearImpl(HID, OUT));
      net.to(torch.ScalarType.Double, false);
    }

    /** [output [T,B,HID], h_n [L,B,HID], c_n [L,B,HID] or null]. */
    Tensor[] forward(Tensor x) {
      if (lstm != null) {
        T_TensorT_TensorTensor_T_T r = lstm.forward(x);
        return new Tensor[] {r.get0(), r.get1().get0(), r.get1().get1()};
      }
      T_TensorTensor_T r = elman != null ? elman.forward(x) : gru.forward(x);
      return new Tensor[] {r.get0(), r.get1(), null};
    }
  }

  /** The torch name of one of our parameters in {@link TorchNet}. */
  static String torchName(String ours) {
    return ours.startsWith("readout.") ? ours : "rnn." + ours;
  }

  /** A float64 tensor owning a copy of {@code values}. */
  static Tensor tensor(double[] values, long... shape) {
    try (DoublePointer p = new DoublePointer(values)) {
      return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Double)).clone();
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

  /** Writes a torch module's parameters as {@code {name: tensor.tolist()}} JSON. */
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
      if (!p.name().startsWith("readout.")) {
        oursRecurrent.add(p.name());
      }
    }
    assertEquals(keys(tn.rnn.named_parameters()), oursRecurrent, tn.cell + ": recurrent parameter names");
    StringTensorDict all = tn.net.named_parameters();
    assertEquals(keys(all), ours, tn.cell + ": all parameter names");
    for (Param p : m.params().list()) {
      long[] want = p.kind() == Params.Kind.BIAS ? new long[] {p.size()} : new long[] {p.rows(), p.cols()};
      assertEquals(java.util.Arrays.toString(shape(all.get(torchName(p.name())))), java.util.Arrays.toString(want),
          tn.cell + ": shape of " + p.name());
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

  // ---------------------------------------------------------------- the tests

  /** Our parameters into torch through ParamsIO's JSON; forward, loss and every gradient agree. */
  @ParameterizedTest(name = "{0} layers={1} {2}")
  @MethodSource("cases")
  @SuppressWarnings("try") // the scope and guard act by existing
  void oursInTorchGivesTheSameOutputsLossAndGradients(Cell cell, int layers, ReadoutMode mode) throws IOException {
    long seed = 1000L + 100L * cell.ordinal() + 10L * layers + mode.ordinal();
    String what = cell + " layers=" + layers + " " + mode;
    try (PointerScope scope = new PointerScope()) {
      SequenceModel m = ParityModels.model(cell.kind, layers, mode, seed);
      Batch b = batch(mode, seed);
      TorchNet tn = new TorchNet(cell, layers);
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
      for (Param p : m.params().list()) {
        double[] want = slice(m.params().values(), p);
        double[] got = values(tp.get(torchName(p.name())));
        for (int i = 0; i < want.length; i++) {
          assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
              what + ": " + p.name() + "[" + i + "] did not survive the JSON exactly");
        }
      }

      // 2. forward and backward on our side
      m.setInputGradient(true);
      m.params().zeroGrads();
      double ourLoss = m.forwardBackward(b, 0, T, null);
      double[] ourH = ourTop(m);
      double[] ourHn = ourFinal(m, 0);
      double[] ourCn = cell == Cell.LSTM ? ourFinal(m, 1) : null;
      double[] ourDx = m.inputGradient().clone();
      double[] ourGrads = m.params().grads().clone();
      double[] ourY = m.predict(b, B);

      // ... and on torch's
      Tensor x = tensor(b.inputs(), T, B, IN).requires_grad_(true);
      Tensor[] o = tn.forward(x);
      Tensor top = mode == ReadoutMode.EVERY_STEP ? o[0] : o[0].select(0, T - 1);
      Tensor y = tn.readout.forward(top);
      Tensor target = mode == ReadoutMode.EVERY_STEP ? tensor(b.targets(), T, B, OUT) : tensor(b.targets(), B, OUT);
      Tensor loss = torch.mse_loss(y, target);
      loss.backward();

      double fwd = 0.0;
      fwd = Math.max(fwd, check(what + ": h_t (top layer, every step)", values(o[0]), ourH, FORWARD_TOL));
      fwd = Math.max(fwd, check(what + ": h_n", values(o[1]), ourHn, FORWARD_TOL));
      if (ourCn != null) {
        fwd = Math.max(fwd, check(what + ": c_n", values(o[2]), ourCn, FORWARD_TOL));
      }
      fwd = Math.max(fwd, check(what + ": readout", values(y), ourY, FORWARD_TOL));
      fwd = Math.max(fwd, check(what + ": loss", new double[] {loss.item_double()}, new double[] {ourLoss}, FORWARD_TOL));

      // 3. every parameter's gradient, by name, and dL/dx
      double grad = 0.0;
      for (Param p : m.params().list()) {
        Tensor gt = tp.get(torchName(p.name())).grad();
        assertTrue(gt.defined(), what + ": torch has no gradient for " + p.name());
        grad = Math.max(grad, check(what + ": grad " + p.name(), values(gt), slice(ourGrads, p), GRADIENT_TOL));
      }
      grad = Math.max(grad, check(what + ": dL/dx", values(x.grad()), ourDx, GRADIENT_TOL));
      record(cell, fwd, grad);
    }
  }

  /** The other direction: torch's default initialisation, exported as JSON, loaded with ParamsIO. */
  @ParameterizedTest(name = "{0} layers={1}")
  @MethodSource("torchInitCases")
  @SuppressWarnings("try") // the scope and guard act by existing
  void torchInitialisedStateLoadsIntoOurModel(Cell cell, int layers) throws IOException {
    long seed = 5000L + 10L * cell.ordinal() + layers;
    String what = cell + " layers=" + layers + " (torch init)";
    try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
      torch.manual_seed(seed);
      TorchNet tn = new TorchNet(cell, layers);
      SequenceModel m = new SequenceModel(ParityModels.config(cell.kind), IN, HID, layers, OUT, ReadoutMode.EVERY_STEP, new MseLoss());
      assertSameNamesAndShapes(m, tn);
      Path file = tmp.resolve("torch.json");
      StringTensorDict tp = tn.net.named_parameters();
      writeTorchState(tp, file);
      ParamsIO.load(m.params(), file);
      for (Param p : m.params().list()) {
        double[] want = values(tp.get(torchName(p.name())));
        double[] got = slice(m.params().values(), p);
        for (int i = 0; i < want.length; i++) {
          assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
              what + ": " + p.name() + "[" + i + "] did not survive the JSON exactly");
        }
      }

      Batch b = batch(ReadoutMode.EVERY_STEP, seed);
      double[] ourY = m.predict(b, B);
      double[] ourH = ourTop(m);
      double[] ourHn = ourFinal(m, 0);
      Tensor[] o = tn.forward(tensor(b.inputs(), T, B, IN));
      Tensor y = tn.readout.forward(o[0]);
      double fwd = 0.0;
      fwd = Math.max(fwd, check(what + ": h_t (top layer, every step)", values(o[0]), ourH, FORWARD_TOL));
      fwd = Math.max(fwd, check(what + ": h_n", values(o[1]), ourHn, FORWARD_TOL));
      if (cell == Cell.LSTM) {
        fwd = Math.max(fwd, check(what + ": c_n", values(o[2]), ourFinal(m, 1), FORWARD_TOL));
      }
      fwd = Math.max(fwd, check(what + ": readout", values(y), ourY, FORWARD_TOL));
      record(cell, fwd, 0.0);
    }
  }
}
