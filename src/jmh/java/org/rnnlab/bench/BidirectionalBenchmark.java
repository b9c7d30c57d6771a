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
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayer.Merge;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.Sgd;

/**
 * A bidirectional layer's training step against the unidirectional layer of the same cell and
 * hidden size (issue 12: the bidirectional step should cost 2x within 10%, i.e. its score in
 * sequence-steps per second should be 0.45-0.56 of the unidirectional one). The protocol of
 * {@link TrainStepBenchmark}: {@value TrainStepBenchmark#BATCH} sequences of
 * {@value TrainStepBenchmark#STEPS} steps, one layer, MSE, zeroing the gradient, forward, full
 * BPTT and a plain SGD update, one thread; the bidirectional layer concatenates its directions.
 * {@code readout}: {@code last} (one output at the last step: the layer's own cost) or
 * {@code every_step} (one output per step: a tagger's shape, whose readout reads 2 x hidden
 * when bidirectional, so it doubles too). The difference to exactly 2x is the reversal of the
 * input, the merge of the outputs and the split of their gradient (copies, linear in T x batch x
 * (input + hidden), against the cell's products, quadratic in hidden).
 *
 * <p>Run (not part of {@code make bench}'s report): {@code mvn -B -q test-compile exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test -Dexec.args="--add-modules jdk.incubator.vector
 * -cp %classpath org.openjdk.jmh.Main BidirectionalBenchmark -rf json -rff target/jmh-bidirectional.json"};
 * quick: append {@code -p cell=lstm -p hidden=128 -wi 2 -i 3 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TrainStepBenchmark.BATCH * TrainStepBenchmark.STEPS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class BidirectionalBenchmark {
  /** elman (tanh), lstm or gru (PyTorch's reset-after form). */
  @Param({"elman", "lstm", "gru"})
  public String cell;

  @Param({"64"})
  public int input;

  @Param({"32", "128"})
  public int hidden;

  /** uni: one layer read forwards; bi: the same cell both ways, outputs concatenated. */
  @Param({"uni", "bi"})
  public String direction;

  @Param({"last", "every_step"})
  public String readout;

  private SequenceModel model;
  private Optimizer sgd;
  private Batch batch;

  @Setup(Level.Trial)
  public void setup() {
    ReadoutMode mode = readout.equals("last") ? ReadoutMode.LAST : ReadoutMode.EVERY_STEP;
    SequenceModel.Builder b = SequenceModel.builder().input(input);
    if (direction.equals("bi")) {
      b.bidirectional(TrainStepBenchmark.cellConfig(cell), hidden, Merge.CONCAT);
    } else {
      b.recurrent(TrainStepBenchmark.cellConfig(cell), hidden);
    }
    model = b.readout(1, mode).loss(new MseLoss()).build();
    model.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
    sgd = new Sgd(1e-3, 0.0, false).create(model.params().size());
    Batch adding = TrainStepBenchmark.batch(input);
    if (mode == ReadoutMode.LAST) {
      batch = adding;
    } else {
      // the adding inputs with a target at every step: the running sum of the marked values
      int n = adding.size();
      double[] y = new double[adding.steps() * n];
      for (int i = 0; i < n; i++) {
        double sum = 0.0;
        for (int t = 0; t < adding.steps(); t++) {
          int o = (t * n + i) * input;
          sum += adding.inputs()[o] * (input > 1 ? adding.inputs()[o + 1] : 1.0);
          y[t * n + i] = sum;
        }
      }
      batch = new Batch(adding.steps(), n, input, adding.inputs(), adding.lengths(), y, null, null);
    }
  }

  /** Forward, loss, full BPTT and an SGD update. */
  @Benchmark
  public double train() {
    Params p = model.params();
    p.zeroGrads();
    double loss = model.forwardBackward(batch, 0, TrainStepBenchmark.STEPS, null);
    sgd.step(p.values(), p.grads());
    return loss;
  }
}
