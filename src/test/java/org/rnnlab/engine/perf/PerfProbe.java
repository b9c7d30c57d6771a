package org.rnnlab.engine.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.Sgd;

/**
 * A quick probe of training-step throughput measured in thread CPU time (robust to other load
 * on a shared machine): {@code PerfProbe cell input hidden [seconds] [train|forward]}. Prints the best
 * and median sequence-steps per CPU second over repeated rounds. Not a substitute for the JMH suite.
 */
public final class PerfProbe {
  private PerfProbe() {}

  public static void main(String[] args) {
    String cell = args[0];
    int input = Integer.parseInt(args[1]);
    int hidden = Integer.parseInt(args[2]);
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
    boolean train = args.length <= 4 || args[4].equals("train");
    int batchSize = 32;
    int steps = 100;
    CellConfig cfg = switch (cell) {
      case "elman" -> new ElmanLayer.Config("tanh");
      case "lstm" -> new LstmLayer.Config(1.0);
      case "gru" -> new GruLayer.Config(true);
      case "grub" -> new GruLayer.Config(false);
      default -> throw new IllegalArgumentException(cell);
    };
    SequenceModel m = new SequenceModel(cfg, input, hidden, 1, 1, ReadoutMode.LAST, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1).child("init"));
    Optimizer sgd = new Sgd(1e-3, 0.0, false).create(m.params().size());
    Rng r = Rng.of(2);
    double[] x = new double[steps * batchSize * input];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble();
    }
    double[] y = new double[batchSize];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextDouble();
    }
    Batch b = new Batch(steps, batchSize, input, x, Batch.fullLengths(steps, batchSize), y, null, null);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Params p = m.params();
    double sink = 0;
    int rounds = 0;
    double[] rates = new double[10000];
    long wallStart = System.nanoTime();
    long cpuTotal = 0;
    while ((System.nanoTime() - wallStart) < seconds * 1e9) {
      long c0 = mx.getCurrentThreadCpuTime();
      int reps = 0;
      do {
        if (train) {
          p.zeroGrads();
          sink += m.forwardBackward(b, 0, steps, null);
          sgd.step(p.values(), p.grads());
        } else {
          sink += m.predict(b, batchSize)[0];
        }
        reps++;
      } while (mx.getCurrentThreadCpuTime() - c0 < 100_000_000L);
      long c = mx.getCurrentThreadCpuTime() - c0;
      cpuTotal += c;
      rates[rounds++] = reps * (double) (batchSize * steps) / (c * 1e-9);
    }
    int skip = rounds / 3; // warm-up
    double[] kept = java.util.Arrays.copyOfRange(rates, skip, rounds);
    java.util.Arrays.sort(kept);
    double wall = (System.nanoTime() - wallStart) * 1e-9;
    System.out.printf("%s in=%d hid=%d %s: best %.0f  median %.0f seq-steps/cpu-s  (rounds %d, cpu/wall %.2f) %s%n",
        cell, input, hidden, train ? "train" : "fwd", kept[kept.length - 1], kept[kept.length / 2], rounds,
        cpuTotal * 1e-9 / wall, sink == 42 ? "!" : "");
  }
}
