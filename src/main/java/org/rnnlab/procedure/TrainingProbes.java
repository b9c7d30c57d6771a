package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.diag.GradientFlow;
import org.rnnlab.engine.diag.GradientFlowProbe;
import org.rnnlab.engine.diag.JacobianProductProbe;
import org.rnnlab.engine.diag.JacobianProducts;
import org.rnnlab.engine.diag.RecurrentSpectrum;
import org.rnnlab.results.Measures;
import org.rnnlab.task.Task;

/**
 * The measurements {@link BpttDiagnostics} asks for during one bptt trial, recorded as series:
 * gradient flow, recurrent spectra and Jacobian products at the measurement steps, and every
 * update's clipping statistics. Built only when the spec has {@code diagnostics}; each probe runs
 * its own passes and restores the model, so training goes on bit for bit as without it.
 */
final class TrainingProbes {
  private final BpttDiagnostics cfg;
  private final SequenceModel model;
  private final GradientFlowProbe flow;
  private final JacobianProductProbe jacobian;
  private final String topWeight;
  private final Map<String, Double> thresholds = new HashMap<>();
  private long updates;
  private long fired;
  private double rateInit = Double.NaN;
  private double rateFinal = Double.NaN;
  private double[] spectrumInit;
  private double[] spectrumFinal;

  TrainingProbes(BpttDiagnostics cfg, SequenceModel model, Task task, Rng rng) {
    this.cfg = cfg;
    this.model = model;
    Batch probe = cfg.needsProbe() ? probeBatch(task, cfg.probeSize(), rng) : null;
    this.flow = cfg.gradientFlow() ? new GradientFlowProbe(model, probe) : null;
    this.jacobian = cfg.jacobian()
        ? new JacobianProductProbe(model, probe, Math.min(cfg.jacobianSequences(), probe.size())) : null;
    this.topWeight = Measures.recurrentWeight(model.layers().size() - 1, false);
  }

  /** The final metrics these diagnostics add, in order (see {@link BpttTraining#metrics}). */
  static List<String> metricNames(BpttDiagnostics d) {
    List<String> out = new ArrayList<>();
    if (d.clipping()) {
      out.add(Measures.CLIPPED_FRACTION);
    }
    if (d.gradientFlow()) {
      out.add(Measures.FLOW_RATE_INIT);
      out.add(Measures.FLOW_RATE_FINAL);
    }
    if (d.spectrum()) {
      out.add(Measures.RADIUS_INIT);
      out.add(Measures.SIGMA_INIT);
      out.add(Measures.RADIUS_FINAL);
      out.add(Measures.SIGMA_FINAL);
    }
    if (d.gradientFlow() && d.spectrum()) {
      out.add(Measures.BOUND_GAP_INIT);
    }
    return out;
  }

  /** Whether {@code step} is a measurement step of a run of {@code steps} updates. */
  boolean measuresAt(long step, long steps) {
    return cfg.probes() && (step % cfg.every() == 0 || step == steps);
  }

  /** Measures the probes at {@code step} into series. */
  void measure(long step, Recorder rec) {
    if (flow != null) {
      GradientFlow f = flow.measure();
      for (int k = 0; k < f.hidden().length; k++) {
        rec.series(Measures.flowHidden(k), step, f.hidden()[k]);
        if (f.cell() != null) {
          rec.series(Measures.flowCell(k), step, f.cell()[k]);
        }
      }
      double rate = logRate(f.hidden()[f.hidden().length - 1]);
      if (step == 0) {
        rateInit = rate;
      }
      rateFinal = rate;
    }
    if (cfg.spectrum()) {
      Map<String, double[][]> byParam = new LinkedHashMap<>();
      List<RecurrentSpectrum.Block> blocks = RecurrentSpectrum.of(model.params());
      for (RecurrentSpectrum.Block b : blocks) {
        byParam.computeIfAbsent(b.param(), p -> new double[2][blocksOf(blocks, p)]);
        byParam.get(b.param())[0][b.block()] = b.spectralRadius();
        byParam.get(b.param())[1][b.block()] = b.largestSingularValue();
      }
      byParam.forEach((p, v) -> {
        rec.series(Measures.spectrum(Measures.RADIUS, p), step, v[0]);
        rec.series(Measures.spectrum(Measures.SIGMA_MAX, p), step, v[1]);
      });
      double[][] top = byParam.get(topWeight);
      double[] s = top == null ? new double[] {Double.NaN, Double.NaN} : new double[] {max(top[0]), max(top[1])};
      if (step == 0) {
        spectrumInit = s;
      }
      spectrumFinal = s;
    }
    if (jacobian != null) {
      for (int k = 0; k < model.layers().size(); k++) {
        JacobianProducts j = jacobian.measure(k, true);
        rec.series(Measures.jacobianLogFrobenius(k), step, meanOverSequences(j.logFrobenius()));
        rec.series(Measures.jacobianLogSpectral(k), step, meanOverSequences(j.logSpectral()));
      }
    }
  }

  /** Records what the clipping rule did in the update {@code step} (and any threshold now known). */
  void clipped(long step, List<ClipStats> clips, Trainer trainer, Recorder rec) {
    if (!cfg.clipping()) {
      return;
    }
    int n = clips.size();
    double[] before = new double[n];
    double[] after = new double[n];
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      ClipStats c = clips.get(i);
      before[i] = c.normBefore();
      after[i] = c.normAfter();
      f[i] = c.fired() ? 1.0 : 0.0;
      updates++;
      fired += c.fired() ? 1 : 0;
    }
    if (cfg.clipTrace()) {
      rec.series(Measures.CLIP_NORM_BEFORE, step, before);
      rec.series(Measures.CLIP_NORM_AFTER, step, after);
      rec.series(Measures.CLIP_FIRED, step, f);
    }
    thresholds(step, trainer, rec);
  }

  /** Records the thresholds that appeared or changed since the last call. */
  void thresholds(long step, Trainer trainer, Recorder rec) {
    if (!cfg.clipping()) {
      return;
    }
    trainer.clipper().thresholds().forEach((name, value) -> {
      Double old = thresholds.put(name, value);
      if (old == null || Double.doubleToLongBits(old) != Double.doubleToLongBits(value)) {
        rec.series(Measures.clipThreshold(name), step, new double[] {value});
      }
    });
  }

  /** The final metrics, in {@link #metricNames} order. */
  void metrics(Recorder rec) {
    if (cfg.clipping()) {
      rec.metric(Measures.CLIPPED_FRACTION, updates == 0 ? null : (double) fired / updates);
    }
    if (cfg.gradientFlow()) {
      rec.metric(Measures.FLOW_RATE_INIT, rateInit);
      rec.metric(Measures.FLOW_RATE_FINAL, rateFinal);
    }
    if (cfg.spectrum()) {
      rec.metric(Measures.RADIUS_INIT, spectrumInit[0]);
      rec.metric(Measures.SIGMA_INIT, spectrumInit[1]);
      rec.metric(Measures.RADIUS_FINAL, spectrumFinal[0]);
      rec.metric(Measures.SIGMA_FINAL, spectrumFinal[1]);
    }
    if (cfg.gradientFlow() && cfg.spectrum()) {
      rec.metric(Measures.BOUND_GAP_INIT, rateInit - StrictMath.log(spectrumInit[1]));
    }
  }

  /**
   * The mean change of ln ||dL/dh_t|| per step away from the loss, (ln n_0 - ln n_{T-1}) / (T-1):
   * below 0 the gradient vanishes geometrically, above 0 it explodes. For a tanh or ReLU RNN it is
   * at most ln sigma_max(W_hh) (seed 000, 7.3: every step multiplies by diag(phi') W_hh^T).
   */
  static double logRate(double[] norms) {
    int t = norms.length;
    if (t < 2) {
      return Double.NaN;
    }
    return (StrictMath.log(norms[0]) - StrictMath.log(norms[t - 1])) / (t - 1);
  }

  private static int blocksOf(List<RecurrentSpectrum.Block> blocks, String param) {
    int n = 0;
    for (RecurrentSpectrum.Block b : blocks) {
      n += b.param().equals(param) ? 1 : 0;
    }
    return n;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** Per step, the mean over the measured sequences (in order). */
  private static double[] meanOverSequences(double[][] v) {
    double[] out = new double[v[0].length];
    for (double[] row : v) {
      for (int t = 0; t < out.length; t++) {
        out[t] += row[t];
      }
    }
    for (int t = 0; t < out.length; t++) {
      out[t] /= v.length;
    }
    return out;
  }

  /**
   * A fixed probe batch of {@code size} sequences of one length, from the task's training data drawn
   * with {@code rng}. Tasks of mixed lengths (temporal order, hochreiter1997 adding): from a pool of
   * 64 x size sequences, those of its most frequent length (the longest among equals), in pool order,
   * at most {@code size} of them.
   */
  static Batch probeBatch(Task task, int size, Rng rng) {
    Batch b = task.data().training(size, null, rng.child("probe")).next();
    if (b.uniformLength()) {
      return b;
    }
    Batch pool = task.data().training(64 * size, null, rng.child("pool")).next();
    int[] count = new int[pool.steps() + 1];
    for (int len : pool.lengths()) {
      count[len]++;
    }
    int best = 1;
    for (int len = 1; len <= pool.steps(); len++) {
      if (count[len] >= count[best]) {
        best = len;
      }
    }
    int n = Math.min(size, count[best]);
    int[] idx = new int[n];
    for (int i = 0, j = 0; j < n; i++) {
      if (pool.lengths()[i] == best) {
        idx[j++] = i;
      }
    }
    return firstSteps(pool.select(idx, task.readout()), best, task.readout());
  }

  /** The first {@code steps} steps of a time-major batch whose sequences are all that long. */
  private static Batch firstSteps(Batch b, int steps, ReadoutMode readout) {
    int n = b.size();
    double[] x = Arrays.copyOf(b.inputs(), steps * n * b.inputSize());
    boolean every = readout == ReadoutMode.EVERY_STEP;
    double[] tg = b.targets() == null ? null
        : every ? Arrays.copyOf(b.targets(), b.targets().length / b.steps() * steps) : b.targets();
    int[] lb = b.labels() == null ? null
        : every ? Arrays.copyOf(b.labels(), steps * n) : b.labels();
    double[] m = b.mask() == null ? null : Arrays.copyOf(b.mask(), steps * n);
    int[] tk = b.tokens() == null ? null : Arrays.copyOf(b.tokens(), steps * n);
    return new Batch(steps, n, b.inputSize(), x, b.lengths(), tg, lb, m, tk);
  }
}
