package org.rnnlab.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.reservoir.EchoStateNetwork;
import org.rnnlab.model.EsnModel;
import org.rnnlab.engine.reservoir.RidgeFitter;
import org.rnnlab.task.series.MackeyGlassSeries;

/**
 * Issue 11's speed protocol, one thread: collect the states of an echo-state network
 * ({@code units} units, reservoirpy's defaults with spectral radius 1.25, leak rate 0.3: 10%
 * recurrent density, 10% input connectivity) over {@value #STEPS} steps of Mackey-Glass, then
 * fit the one-step-ahead ridge readout over a grid of 10 lambdas (1e-10 .. 1e-1) on rows
 * [100, 3200), choose lambda on rows [3200, 4000) and refit on both. Drawing the reservoir
 * (spectral radius) is setup, as in the NumPy peer {@code bench/esn_numpy.py}, which runs the
 * same protocol. {@code statesAndFit} is the number; {@code states} and {@code fit}
 * split it.
 *
 * <p>Run on a quiet machine (docs/reservoirs.md has the full command): JMH's {@code Main} with the
 * pattern {@code EsnBenchmark}, and beside it {@code OPENBLAS_NUM_THREADS=1 python3 bench/esn_numpy.py}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class EsnBenchmark {
  static final int STEPS = 4000;
  static final int WASHOUT = 100;
  static final int TRAIN_END = 3200;

  @Param({"400"})
  public int units;

  private EchoStateNetwork esn;
  private RidgeFitter fitter;
  private double[] series;
  private double[] targets;
  private double[] lambdas;
  private double[] states;

  @Setup
  public void setup() {
    series = MackeyGlassSeries.standard().generate(STEPS + 1);
    targets = Arrays.copyOfRange(series, 1, STEPS + 1);
    esn = new EchoStateNetwork(EsnModel.of(units, 1.25, 0.3).draw(1, 0, Rng.of(42)), false);
    fitter = new RidgeFitter(units, 1, false);
    lambdas = RidgeFitter.decades(-10, -1);
    states = esn.features(series, STEPS, null);
  }

  private RidgeFitter.Selection select(double[] f) {
    return fitter.select(RidgeFitter.Samples.rows(f, units, targets, 1, WASHOUT, TRAIN_END),
        RidgeFitter.Samples.rows(f, units, targets, 1, TRAIN_END, STEPS), lambdas, true);
  }

  /** States over 4000 steps, then the 10-lambda ridge selection and refit (issue 11's target: 0.1 s). */
  @Benchmark
  public double statesAndFit() {
    return select(esn.features(series, STEPS, null)).readout().bias(0);
  }

  /** The states alone. */
  @Benchmark
  public double[] states() {
    return esn.features(series, STEPS, null);
  }

  /** The readout selection alone, on precomputed states. */
  @Benchmark
  public double fit() {
    return select(states).readout().bias(0);
  }
}
