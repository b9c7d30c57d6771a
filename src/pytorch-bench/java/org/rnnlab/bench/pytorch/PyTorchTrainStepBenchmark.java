package org.rnnlab.bench.pytorch;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
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
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.bench.TrainStepProtocol;
import org.rnnlab.engine.Batch;

/**
 * {@link org.rnnlab.bench.TrainStepBenchmark}'s protocol on libtorch (the JavaCPP presets of the
 * Maven profile {@code pytorch}): the same adding-problem batch of {@value TrainStepProtocol#BATCH}
 * sequences of {@value TrainStepProtocol#STEPS} steps (time-major, {@code [T, B, input]}), a
 * one-layer tanh RNN (elman), LSTM or GRU with PyTorch's default initialisation, {@code Linear(hidden, 1)} on the
 * last step's output, MSE, SGD with lr 1e-3, one thread. {@code train} is zero_grad, forward,
 * loss, backward and an optimiser step; {@code forward} is a no-grad forward pass and readout,
 * copied out like {@code SequenceModel.predict}'s predictions. Scores are sequence-steps per second.
 *
 * <p>One thread inside libtorch: {@code torch.set_num_threads(1)} here, and OMP_NUM_THREADS=1 (and
 * MKL_/OPENBLAS_NUM_THREADS) in the environment, which the forked JVM inherits from the JMH
 * launcher ({@code make bench-pytorch} sets them). {@code onednn=off} turns off oneDNN (MKL-DNN),
 * which gives float32 LSTM its fused kernel; float64 and GRU take the native ATen path either way.
 * PyTorch's LSTM has no forget-gate bias of 1 (ours has), which does not change the work.
 *
 * <p>Every invocation's native tensors are freed by a {@link PointerScope}, so memory stays flat.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainStepProtocol.BATCH * TrainStepProtocol.STEPS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class PyTorchTrainStepBenchmark {
  private static final int BATCH = TrainStepProtocol.BATCH;
  private static final int STEPS = TrainStepProtocol.STEPS;

  @Param({"lstm", "gru", "elman"})
  public String cell;

  @Param({"2", "64"})
  public int input;

  @Param({"32", "128", "512"})
  public int hidden;

  @Param({"float32", "float64"})
  public String dtype;

  /** oneDNN (MKL-DNN) enabled in libtorch's global context. */
  @Param({"on", "off"})
  public String onednn;

  private LSTMImpl lstm;
  private GRUImpl gru;
  private RNNImpl elman;
  private LinearImpl readout;
  private SGD sgd;
  private Tensor x;
  private Tensor y;
  private boolean f64;

  @Setup(Level.Trial)
  public void setup() {
    torch.set_num_threads(1);
    if (!onednn.equals("on") && !onednn.equals("off")) {
      throw new IllegalArgumentException("onednn must be on or off, not " + onednn);
    }
    torch.globalContext().setUserEnabledMkldnn(onednn.equals("on"));
    torch.ScalarType type;
    switch (dtype) {
      case "float32": type = torch.ScalarType.Float; break;
      case "float64": type = torch.ScalarType.Double; break;
      default: throw new IllegalArgumentException("dtype must be float32 or float64, not " + dtype);
    }
    f64 = type == torch.ScalarType.Double;
    printRuntime();
    if (torch.get_num_threads() != 1) {
      throw new IllegalStateException("libtorch uses " + torch.get_num_threads() + " threads, not 1");
    }

    torch.manual_seed(1);
    Module net = new Module("net");
    switch (cell) {
      case "lstm": lstm = net.register_module("rnn", new LSTMImpl(new LSTMOptions(input, hidden))); break;
      case "gru": gru = net.register_module("rnn", new GRUImpl(new GRUOptions(input, hidden))); break;
      case "elman": elman = net.register_module("rnn", new RNNImpl(new RNNOptions(input, hidden))); break;  // tanh
      default: throw new IllegalArgumentException("unknown cell " + cell + " (lstm, gru or elman)");
    }
    readout = net.register_module("readout", new LinearImpl(hidden, 1));
    net.to(type, false);
    sgd = new SGD(net.parameters(), new SGDOptions(1e-3));

    Batch batch = TrainStepProtocol.addingBatch(input);
    x = tensor(batch.inputs(), new long[] {STEPS, BATCH, input}, type);
    y = tensor(batch.targets(), new long[] {BATCH, 1}, type);
  }

  /** A tensor of the given type owning a copy of {@code values}, rounded to float for float32. */
  private static Tensor tensor(double[] values, long[] shape, torch.ScalarType type) {
    try (DoublePointer p = new DoublePointer(values)) {
      return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Double)).to(type).clone();
    }
  }

  private static void printRuntime() {
    String config = torch.show_config().getString();
    Matcher m = Pattern.compile("TORCH_VERSION=([^,\\s]+)").matcher(config);
    String presets;
    try {
      presets = Loader.getVersion("org.bytedeco", "pytorch");
    } catch (IOException e) {
      presets = "unknown";
    }
    System.err.println("libtorch " + (m.find() ? m.group(1) : "(version not in show_config)")
        + " (JavaCPP presets org.bytedeco:pytorch " + presets + "), oneDNN enabled: "
        + torch.globalContext().userEnabledMkldnn() + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
        + ", MKL_NUM_THREADS=" + System.getenv("MKL_NUM_THREADS")
        + ", OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS"));
    System.err.print(torch.get_parallel_info().getString());
    if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
      System.err.println("WARNING: OMP_NUM_THREADS is not 1; run through `make bench-pytorch` for one thread");
    }
  }

  /** The recurrent layer's output at the last time step, {@code [B, hidden]}. */
  private Tensor lastStep() {
    Tensor out = lstm != null ? lstm.forward(x).get0() : gru != null ? gru.forward(x).get0() : elman.forward(x).get0();
    return out.select(0, STEPS - 1);
  }

  /** Zero the gradients, forward, MSE, backward and an SGD step. */
  @Benchmark
  @SuppressWarnings("try") // the scope frees what the body allocates; it is not referenced
  public double train() {
    try (PointerScope scope = new PointerScope()) {
      sgd.zero_grad();
      Tensor loss = torch.mse_loss(readout.forward(lastStep()), y);
      loss.backward();
      sgd.step();
      return loss.item_double();
    }
  }

  /** Forward pass and readout without autograd; the predictions are copied out. */
  @Benchmark
  @SuppressWarnings("try") // the guard and the scope act by existing; they are not referenced
  public double[] forward() {
    double[] predictions = new double[BATCH];
    try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
      Tensor pred = readout.forward(lastStep()).contiguous();
      if (f64) {
        pred.data_ptr_double().get(predictions);
      } else {
        float[] f = new float[BATCH];
        pred.data_ptr_float().get(f);
        for (int b = 0; b < BATCH; b++) {
          predictions[b] = f[b];
        }
      }
    }
    return predictions;
  }
}
