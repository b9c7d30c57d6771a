package org.rnnlab.procedure;

import org.rnnlab.config.Hyper;

/**
 * {@code "training": {"type": "bptt", "diagnostics": {...}}}: what a bptt trial measures about its
 * gradients besides the learning curve (docs/clipping.md, "Diagnostics in a spec"). Absent from the
 * spec: nothing is measured and nothing is installed, so the trial's numbers are those of before.
 * The probes (seed 000, 7.3, eq. 7.5 and Lemma 7.3.1) run on a fixed probe batch drawn from the
 * trial's own stream {@code "diagnostics"}, at update 0, every {@code every} updates and at the last
 * update; a measurement leaves the training that follows bit for bit as without it.
 */
public record BpttDiagnostics(
    @Hyper(doc = "Measure the probes at update 0, every this many updates and at the last update.", min = 1,
        defaultValue = "100") Integer every,
    @Hyper(doc = "Sequences in the fixed probe batch (all of one length; drawn once from the trial's stream "
        + "\"diagnostics\").", min = 1, defaultValue = "16") Integer probeSize,
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
        defaultValue = "2") Integer jacobianSequences,
    @Hyper(doc = "Record every update's gradient norm before and after clipping and whether the rule fired "
        + "(series clip.norm_before, clip.norm_after, clip.fired, see clip_trace), each threshold when it is known "
        + "(clip.threshold.<name>) and the final metric clipped_fraction.", defaultValue = "true") Boolean clipping,
    @Hyper(doc = "With clipping: also the per-update series clip.norm_before, clip.norm_after and clip.fired (three "
        + "rows of series.csv per update); false: only the thresholds and clipped_fraction.", defaultValue = "true")
    Boolean clipTrace) {
  public BpttDiagnostics {
    every = every == null ? 100 : every;
    probeSize = probeSize == null ? 16 : probeSize;
    gradientFlow = gradientFlow == null || gradientFlow;
    spectrum = spectrum == null || spectrum;
    jacobian = jacobian != null && jacobian;
    jacobianSequences = jacobianSequences == null ? 2 : jacobianSequences;
    clipping = clipping == null || clipping;
    clipTrace = clipTrace == null || clipTrace;
    if (every < 1 || probeSize < 1 || jacobianSequences < 1) {
      throw new IllegalArgumentException("diagnostics every, probe_size and jacobian_sequences must be >= 1");
    }
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
