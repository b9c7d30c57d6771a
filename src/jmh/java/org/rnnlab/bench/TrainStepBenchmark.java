package org.rnnlab.bench;

import java.util.concurrent.TimeUnit;
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
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.SequenceModelF32;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.CellConfigF32;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.ElmanLayerF32;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.GruLayerF32;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.cell.LstmLayerF32;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.loss.MseLossF32;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.Sgd;

/**
 * Throughput of one training step and of a forward pass of a one-layer recurrent model on an
 * adding-problem-shaped batch: {@value #BATCH} sequences of {@value #STEPS} steps, a last-step
 * readout with one output and MSE loss, one thread. A training step is zeroing the gradient,
 * {@link SequenceModel#forwardBackward} (forward, loss, full BPTT) and a plain SGD update; the
 * forward benchmark is {@link SequenceModel#predict}. Scores are sequence-steps per second
 * (batch * T per second) thanks to {@code @OperationsPerInvocation}.
 *
 * <p>{@code precision}: float64 (the default: the reference engine) or float32 (the generated
 * engine, {@link SequenceModelF32}: the same model, weights rounded to float, SGD in float), so
 * {@code make bench BENCH_ARGS='-p precision=float64,float32'} compares them.
 *
 * <p>Quick mode: override the parameters and iterations on the JMH command line, e.g.
 * {@code -p cell=lstm -p input=2 -p hidden=128 -wi 2 -i 3 -r 1s -w 1s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainStepBenchmark.BATCH * TrainStepBenchmark.STEPS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class TrainStepBenchmark {
  static final int BATCH = 32;
  static final int STEPS = 100;

  /** elman (tanh), lstm or gru (PyTorch's reset-after form). */
  @Param({"elman", "lstm", "gru"})
  public String cell;

  @Param({"2", "64"})
  public int input;

  @Param({"32", "128", "512"})
  public int hidden;

  /** float64 or float32. */
  @Param({"float64"})
  public String precision;

  private SequenceModel model;
  private SequenceModelF32 model32;
  private float rate32;
  private Optimizer sgd;
  private Batch batch;

  static CellConfig cellConfig(String name) {
    switch (name) {
      case "elman": return new ElmanLayer.Config("tanh");
      case "lstm": return new LstmLayer.Config(1.0);
      case "gru": return new GruLayer.Config(true);
      default: throw new IllegalArgumentException("unknown cell " + name);
    }
  }

  /** An adding-problem batch: channel 0 uniform values, channel 1 two markers, other channels noise. */
  static Batch addingBatch(int input, Rng r) {
    double[] x = new double[STEPS * BATCH * input];
    double[] y = new double[BATCH];
    for (int b = 0; b < BATCH; b++) {
      int m1 = r.nextInt(STEPS / 2);
      int m2 = STEPS / 2 + r.nextInt(STEPS / 2);
      for (int t = 0; t < STEPS; t++) {
        int o = (t * BATCH + b) * input;
        x[o] = r.nextDouble();
        if (input > 1) {
          x[o + 1] = t == m1 || t == m2 ? 1.0 : 0.0;
        }
        for (int k = 2; k < input; k++) {
          x[o + k] = 0.1 * r.gaussian();
        }
      }
      y[b] = x[(m1 * BATCH + b) * input] + x[(m2 * BATCH + b) * input];
    }
    return new Batch(STEPS, BATCH, input, x, Batch.fullLengths(STEPS, BATCH), y, null, null);
  }

  /** The batch every training step of the benchmark runs on (also the PyTorch benchmark's). */
  static Batch batch(int input) {
    return addingBatch(input, Rng.of(2).child("data"));
  }

  static CellConfigF32 cellConfigF32(String name) {
    switch (name) {
      case "elman": return new ElmanLayerF32.Config("tanh");
      case "lstm": return new LstmLayerF32.Config(1.0f);
      case "gru": return new GruLayerF32.Config(true);
      default: throw new IllegalArgumentException("unknown cell " + name);
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    batch = batch(input);
    if (precision.equals("float32")) {
      model32 = new SequenceModelF32(cellConfigF32(cell), input, hidden, 1, 1, ReadoutMode.LAST, new MseLossF32());
      model32.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
      rate32 = 1e-3f;
    } else if (precision.equals("float64")) {
      model = new SequenceModel(cellConfig(cell), input, hidden, 1, 1, ReadoutMode.LAST, new MseLoss());
      model.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
      sgd = new Sgd(1e-3, 0.0, false).create(model.params().size());
    } else {
      throw new IllegalArgumentException("precision is float64 or float32, got " + precision);
    }
  }

  /** Forward, loss, full BPTT and an SGD update. */
  @Benchmark
  public double train() {
    if (model32 != null) {
      model32.params().zeroGrads();
      double loss = model32.forwardBackward(batch, 0, STEPS, null);
      float[] v = model32.params().values();
      float[] g = model32.params().grads();
      for (int i = 0; i < v.length; i++) {  // plain SGD, as Sgd's double loop
        v[i] -= rate32 * g[i];
      }
      return loss;
    }
    Params p = model.params();
    p.zeroGrads();
    double loss = model.forwardBackward(batch, 0, STEPS, null);
    sgd.step(p.values(), p.grads());
    return loss;
  }

  /** Forward pass and readout only. */
  @Benchmark
  public Object forward() {
    return model32 != null ? model32.predict(batch, BATCH) : model.predict(batch, BATCH);
  }
}
