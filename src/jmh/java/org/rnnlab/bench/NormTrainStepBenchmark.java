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
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.Sgd;

/**
 * The cost of normalisation: one training step of {@link TrainStepBenchmark} (same batch, model,
 * loss, SGD update, iterations and fork) without normalisation, with layer norm and with recurrent
 * batch norm (training mode: batch statistics and their running update). Issue 10's bar: the
 * LN-LSTM and BN-LSTM steps at hidden 128 at most 1.3 times the plain LSTM step, i.e. a score of
 * at least 1 / 1.3 = 0.77 of the {@code none} row. Scores are sequence-steps per second.
 *
 * <p>Run alone: {@code mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="--add-modules jdk.incubator.vector -cp %classpath org.openjdk.jmh.Main
 * org.rnnlab.bench.NormTrainStepBenchmark -rf json -rff target/jmh-norm.json"}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainStepBenchmark.BATCH * TrainStepBenchmark.STEPS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class NormTrainStepBenchmark {
  /** elman (tanh), lstm or gru (reset after). */
  @Param({"lstm"})
  public String cell;

  /** none, layer or batch. */
  @Param({"none", "layer", "batch"})
  public String norm;

  @Param({"2"})
  public int input;

  @Param({"128"})
  public int hidden;

  private SequenceModel model;
  private Optimizer sgd;
  private Batch batch;

  static NormConfig normConfig(String name) {
    switch (name) {
      case "none": return null;
      case "layer": return new LayerNorm.Config(null, null);
      case "batch": return new RecurrentBatchNorm.Config(TrainStepBenchmark.STEPS, null, null, null);
      default: throw new IllegalArgumentException("unknown norm " + name);
    }
  }

  static CellConfig cellConfig(String cell, NormConfig norm) {
    switch (cell) {
      case "elman": return new ElmanLayer.Config("tanh", norm);
      case "lstm": return new LstmLayer.Config(1.0, norm);
      case "gru": return new GruLayer.Config(true, norm);
      default: throw new IllegalArgumentException("unknown cell " + cell);
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    model = new SequenceModel(cellConfig(cell, normConfig(norm)), input, hidden, 1, 1, ReadoutMode.LAST,
        new MseLoss());
    model.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
    sgd = new Sgd(1e-3, 0.0, false).create(model.params().size());
    batch = TrainStepBenchmark.batch(input);
  }

  /** Forward, loss, full BPTT and an SGD update, as {@link TrainStepBenchmark#train}. */
  @Benchmark
  public double train() {
    Params p = model.params();
    p.zeroGrads();
    double loss = model.forwardBackward(batch, 0, TrainStepBenchmark.STEPS, null);
    sgd.step(p.values(), p.grads());
    return loss;
  }
}
