package org.rnnlab.procedure.bptt.callbacks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.diag.GradientFlow;
import org.rnnlab.engine.diag.GradientFlowProbe;
import org.rnnlab.engine.diag.JacobianProductProbe;
import org.rnnlab.engine.diag.JacobianProducts;
import org.rnnlab.engine.diag.RecurrentSpectrum;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.bptt.FinalState;
import org.rnnlab.procedure.bptt.Float64View;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.results.Measures;
import org.rnnlab.task.SequenceTask;

/**
 * The measurements {@link GradientDiagnostics} asks for during one bptt trial, recorded as series:
 * gradient flow, recurrent spectra and Jacobian products at update 0, every {@code every} updates
 * and at the last update. Each probe runs its own passes and restores the model, so training goes
 * on bit for bit as without it.
 */
final class DiagnosticProbes implements TrainingCallback {

  private final GradientDiagnostics cfg;
  private final long steps;
  private final Float64View view;
  private final SequenceModel model;
  private final Recorder rec;
  private final GradientFlowProbe flow;
  private final JacobianProductProbe jacobian;
  private final String topWeight;
  private double rateInit = Double.NaN;
  private double rateFinal = Double.NaN;
  private double[] spectrumInit;
  private double[] spectrumFinal;

  DiagnosticProbes(GradientDiagnostics cfg, TrainingRun run) {
    this.cfg = cfg;
    this.view = run.float64();
    this.model = view.model();
    this.rec = run.recorder();
    this.steps = run.training().steps();
    SequenceTask task = run.task();
    Rng rng = run.rng().child("diagnostics");
    Batch probe = cfg.needsProbe() ? probeBatch(task, cfg.probeSize(), rng) : null;
    this.flow = cfg.gradientFlow() ? new GradientFlowProbe(model, probe) : null;
    this.jacobian = cfg.jacobian()
        ? new JacobianProductProbe(model, probe, Math.min(cfg.jacobianSequences(), probe.size())) : null;
    this.topWeight = Measures.recurrentWeight(model.layers().size() - 1, false);
  }

  /** The final metrics these diagnostics add, in order. */
  static List<String> metricNames(GradientDiagnostics d) {
    List<String> out = new ArrayList<>();
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

  /** Measures the probes into series at update 0, every {@code every} updates and at the last one. */
  @Override
  public void endOfStep(long step) {
    if (!cfg.probes() || (step % cfg.every() != 0 && step != steps)) {
      return;
    }
    view.pull(); // a float32 model's current weights, measured in double (nothing to do in float64)
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

  @Override
  public void save(StateWriter out) {
    out.writeDouble("rate_init", rateInit).writeDouble("rate_final", rateFinal);
    out.writeDoubles("spectrum_init", spectrumInit == null ? new double[0] : spectrumInit);
    out.writeDoubles("spectrum_final", spectrumFinal == null ? new double[0] : spectrumFinal);
  }

  @Override
  public void restore(StateReader in) {
    rateInit = in.readDouble("rate_init");
    rateFinal = in.readDouble("rate_final");
    double[] a = in.readDoubles("spectrum_init");
    double[] b = in.readDoubles("spectrum_final");
    spectrumInit = a.length == 0 ? null : a;
    spectrumFinal = b.length == 0 ? null : b;
  }

  /** The final metrics, in {@link #metricNames} order. */
  @Override
  public void atEnd(FinalState state, Recorder rec) {
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
  static Batch probeBatch(SequenceTask task, int size, Rng rng) {
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
