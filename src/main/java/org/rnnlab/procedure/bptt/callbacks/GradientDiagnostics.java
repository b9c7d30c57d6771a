package org.rnnlab.procedure.bptt.callbacks;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Params;
import org.rnnlab.model.RnnModel;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;

/**
 * {@code "diagnostics": {...}}: what a trial measures about its gradients besides the learning curve
 * (docs/clipping.md, "Diagnostics in a spec"). The probes (seed 000, 7.3, eq. 7.5 and Lemma 7.3.1)
 * run on a fixed probe batch drawn from the trial's own stream {@code "diagnostics"}, at update 0,
 * every {@code every} updates and at the last update; a measurement leaves the training that
 * follows bit for bit as without it ({@link DiagnosticProbes}).
 */
public record GradientDiagnostics(
    @Hyper(doc = "Measure the probes at update 0, every this many updates and at the last update.", min = 1,
        defaultValue = "100") Integer every,
    @Hyper(doc = "Sequences in the fixed probe batch (all of one length; drawn once from the trial's stream "
        + "\"diagnostics\").", min = 1, max = 100_000, defaultValue = "16") Integer probeSize,
    @Hyper(doc = "Record ||dL/dh_t|| for every step t of every layer (and ||dL/dc_t|| for the LSTM) for the loss "
        + "at the last step: series flow.h.l<k>, flow.c.l<k>; final metrics flow_log_rate_init/_final.",
        defaultValue = "true") Boolean gradientFlow,
    @Hyper(doc = "Record the spectral radius and the largest singular value of every gate block of every W_hh: "
        + "series spectrum.radius.<param>, spectrum.sigma_max.<param>; final metrics spectral_radius_init/_final, "
        + "sigma_max_init/_final.", defaultValue = "true") Boolean spectrum,
    @Hyper(doc = "Record ln ||d h_{T-1} / d s_t|| (Frobenius and spectral norm) of every layer, averaged over "
        + "jacobian_sequences probe sequences: series jacobian.log_frobenius.l<k>, jacobian.log_spectral.l<k> "
        + "(unidirectional layers only; costs a backward pass on hidden_size copies per sequence).",
        defaultValue = "false") Boolean jacobian,
    @Hyper(doc = "Probe sequences the Jacobian products are measured on (at most probe_size).", min = 1,
        defaultValue = "2") Integer jacobianSequences) implements CallbackConfig {
  public GradientDiagnostics {
    every = every == null ? 100 : every;
    probeSize = probeSize == null ? 16 : probeSize;
    gradientFlow = gradientFlow == null || gradientFlow;
    spectrum = spectrum == null || spectrum;
    jacobian = jacobian != null && jacobian;
    jacobianSequences = jacobianSequences == null ? 2 : jacobianSequences;
    if (every < 1 || probeSize < 1 || jacobianSequences < 1) {
      throw new IllegalArgumentException("diagnostics every, probe_size and jacobian_sequences must be >= 1");
    }
  }

  @Override
  public boolean observesOnly() {
    return true;
  }

  @Override
  public List<String> metrics(TrialConfig config, BpttTraining training) {
    return DiagnosticProbes.metricNames(this);
  }

  /** Per layer (and direction) of the model: the flows, the spectra and the Jacobian products asked for. */
  @Override
  public List<MeasureName> series(TrialConfig config, BpttTraining training) {
    List<MeasureName> out = new ArrayList<>();
    int layers = config.model().numLayers();
    boolean reverse = config.model().bidirectional();
    if (gradientFlow) {
      boolean cellState = hasCellState(config);
      for (int k = 0; k < layers; k++) {
        out.add(MeasureName.exact(Measures.flowHidden(k)));
        if (cellState) {
          out.add(MeasureName.exact(Measures.flowCell(k)));
        }
      }
    }
    if (spectrum) {
      for (String quantity : List.of(Measures.RADIUS, Measures.SIGMA_MAX)) {
        for (int k = 0; k < layers; k++) {
          out.add(MeasureName.exact(Measures.spectrum(quantity, Measures.recurrentWeight(k, false))));
          if (reverse) {
            out.add(MeasureName.exact(Measures.spectrum(quantity, Measures.recurrentWeight(k, true))));
          }
        }
      }
    }
    if (jacobian) {
      for (int k = 0; k < layers; k++) {
        out.add(MeasureName.exact(Measures.jacobianLogFrobenius(k)));
        out.add(MeasureName.exact(Measures.jacobianLogSpectral(k)));
      }
    }
    return out;
  }

  /**
   * Whether the model's cell state has a part besides h (the LSTM's c), whose flow is recorded too: asked
   * of a one-unit layer of the cell, so that the answer is the engine's own.
   */
  private static boolean hasCellState(TrialConfig config) {
    return config.model() instanceof RnnModel m
        && m.cell().create(new Params.Builder(), 0, "", 1, 1).stateParts() > 1;
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    List<ConfigProblem> out = new ArrayList<>();
    if (jacobian) {
      if (config.model().bidirectional()) {
        out.add(new ConfigProblem(pointer + "/jacobian", "Jacobian products are defined for unidirectional layers "
            + "(model.bidirectional is true)"));
      }
      if (jacobianSequences > probeSize) {
        out.add(new ConfigProblem(pointer + "/jacobian_sequences", "jacobian_sequences " + jacobianSequences
            + " is larger than probe_size " + probeSize));
      }
    }
    return out;
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    return new DiagnosticProbes(this, run);
  }

  /** Whether a probe batch is needed (gradient flow or Jacobian products). */
  boolean needsProbe() {
    return gradientFlow || jacobian;
  }

  /** Whether anything is measured at the measurement steps. */
  boolean probes() {
    return gradientFlow || spectrum || jacobian;
  }
}
