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
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.clip.PerMatrixNormClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.clip.ValueClip;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.Sgd;

/**
 * The cost of each clipping rule against the plain training step, on {@link TrainStepBenchmark}'s
 * protocol (one layer, batch 32 x T 100 adding-problem sequences, input 2, last-step readout,
 * MSE, SGD, one thread; sequence-steps per second): one {@link Trainer} update with the rule, or
 * for {@code rule=plain} TrainStepBenchmark's loop without a Trainer (zero, forward, BPTT, SGD),
 * the reference for {@code none}. Thresholds are tiny, so every rule acts at every update and,
 * inside BPTT, at every step: the worst case.
 *
 * <p>Run (not part of {@code make bench}, whose pattern would pull in every benchmark):
 * {@code mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="--add-modules jdk.incubator.vector -cp %classpath org.openjdk.jmh.Main ClipBenchmark
 * -rf json -rff target/jmh-clip.json"}; quick: append {@code -p cell=lstm -p hidden=128 -wi 2 -i 3 -w 1s -r 1s} to the JMH arguments.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainStepBenchmark.BATCH * TrainStepBenchmark.STEPS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class ClipBenchmark {
  @Param({"plain", "none", "value", "global_norm", "per_matrix_norm", "per_timestep", "per_timestep+global_norm"})
  public String rule;

  @Param({"elman", "lstm", "gru"})
  public String cell;

  @Param({"32", "128"})
  public int hidden;

  private SequenceModel model;
  private Trainer trainer;
  private Optimizer sgd;
  private Batch batch;

  static GradientClip rule(String name) {
    double tiny = 1e-9;
    switch (name) {
      case "none": return new NoClip();
      case "value": return ValueClip.of(tiny);
      case "global_norm": return GlobalNormClip.of(tiny);
      case "per_matrix_norm": return PerMatrixNormClip.of(tiny);
      case "per_timestep": return PerTimestepClip.of(tiny);
      case "per_timestep+global_norm": return new PerTimestepClip(tiny, null, GlobalNormClip.of(tiny));
      default: throw new IllegalArgumentException("unknown rule " + name);
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    int input = 2;
    model = new SequenceModel(TrainStepBenchmark.cellConfig(cell), input, hidden, 1, 1, ReadoutMode.LAST, new MseLoss());
    model.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
    sgd = new Sgd(1e-3, 0.0, false).create(model.params().size());
    trainer = rule.equals("plain") ? null : new Trainer(model, sgd, rule(rule), 0);
    batch = TrainStepBenchmark.batch(input);
  }

  /** One update: through the Trainer with the rule, or the plain loop. */
  @Benchmark
  public double step() {
    if (trainer != null) {
      return trainer.step(batch).loss();
    }
    Params p = model.params();
    p.zeroGrads();
    double loss = model.forwardBackward(batch, 0, TrainStepBenchmark.STEPS, null);
    sgd.step(p.values(), p.grads());
    return loss;
  }
}
