package org.rnnlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.diag.GradientFlowProbe;
import org.rnnlab.engine.diag.JacobianProductProbe;
import org.rnnlab.engine.diag.RecurrentSpectrum;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Sgd;

/**
 * The cost of the gradient-flow diagnostics when run at every 100th update: one op is 100
 * training updates ({@link TrainStepBenchmark}'s protocol through a {@link Trainer} with
 * global-norm clipping at 1, as lstm-vs-gru) followed by one measurement of the chosen
 * diagnostics; milliseconds per op. The overhead of a choice is score(choice) / score(off) - 1
 * (budget: 5%). Diagnostics when off cost nothing by construction (no hook is installed, the
 * training step is unchanged; TrainStepBenchmark must not move).
 * <ul>
 *   <li>{@code flow}: {@link GradientFlowProbe} on the training batch (32 sequences);</li>
 *   <li>{@code spectrum}: {@link RecurrentSpectrum} of every W_hh gate block;</li>
 *   <li>{@code jacobian}: {@link JacobianProductProbe}, one sequence, Frobenius norms;</li>
 *   <li>{@code jacobian_spectral}: the same with spectral norms at every step (O(H^3) per step);</li>
 *   <li>{@code all}: flow, spectrum and jacobian.</li>
 * </ul>
 *
 * <p>Run (not part of {@code make bench}, whose pattern would pull in every benchmark):
 * {@code mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="--add-modules jdk.incubator.vector -cp %classpath org.openjdk.jmh.Main DiagnosticsBenchmark
 * -rf json -rff target/jmh-diagnostics.json"}; quick: append {@code -p cell=elman -p hidden=64 -wi 1 -i 3} to the JMH arguments.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class DiagnosticsBenchmark {
  static final int EVERY = 100;

  @Param({"off", "flow", "spectrum", "jacobian", "jacobian_spectral", "all"})
  public String diagnostics;

  @Param({"elman", "lstm", "gru"})
  public String cell;

  @Param({"32", "64", "128"})
  public int hidden;

  private Trainer trainer;
  private Batch batch;
  private SequenceModel model;
  private GradientFlowProbe flow;
  private JacobianProductProbe jacobian;

  @Setup(Level.Trial)
  public void setup() {
    int input = 2;
    model = new SequenceModel(TrainStepBenchmark.cellConfig(cell), input, hidden, 1, 1, ReadoutMode.LAST, new MseLoss());
    model.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
    trainer = new Trainer(model, new Sgd(1e-3, 0.0, false).create(model.params().size()), GlobalNormClip.of(1.0), 0);
    batch = TrainStepBenchmark.batch(input);
    flow = new GradientFlowProbe(model, batch);
    jacobian = new JacobianProductProbe(model, batch, 1);
  }

  /** 100 updates, then the diagnostics once. */
  @Benchmark
  public double hundredUpdates() {
    double s = 0.0;
    for (int i = 0; i < EVERY; i++) {
      s += trainer.step(batch).loss();
    }
    switch (diagnostics) {
      case "off" -> { }
      case "flow" -> s += flow.measure().loss();
      case "spectrum" -> s += RecurrentSpectrum.of(model.params()).get(0).spectralRadius();
      case "jacobian" -> s += jacobian.measure(0, false).logFrobenius()[0][0];
      case "jacobian_spectral" -> s += jacobian.measure(0, true).logSpectral()[0][0];
      case "all" -> {
        s += flow.measure().loss();
        s += RecurrentSpectrum.of(model.params()).get(0).spectralRadius();
        s += jacobian.measure(0, false).logFrobenius()[0][0];
      }
      default -> throw new IllegalArgumentException("unknown diagnostics " + diagnostics);
    }
    return s;
  }
}
