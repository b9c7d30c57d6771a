package org.rnnlab.procedure.bptt;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.procedure.bptt.callbacks.BestOnValidation;
import org.rnnlab.procedure.bptt.callbacks.ClipStatistics;
import org.rnnlab.procedure.bptt.callbacks.EarlyStopping;
import org.rnnlab.procedure.bptt.callbacks.GradientDiagnostics;
import org.rnnlab.procedure.bptt.callbacks.PopulationStatistics;
import org.rnnlab.procedure.bptt.callbacks.ReadoutPretraining;
import org.rnnlab.procedure.bptt.callbacks.SuccessReport;
import org.rnnlab.procedure.bptt.callbacks.TextSamples;
import org.rnnlab.procedure.bptt.callbacks.TimeToTarget;

/**
 * {@code "training": {"callbacks": {...}}}: what a trial adds to the BPTT loop, keyed by the
 * callback's registered name (so that sweep keys stay dotted paths, e.g.
 * {@code training.callbacks.diagnostics.every}). This record is the registry: one component per
 * callback, one line to register a new one; the loop calls them in this order. Each absent
 * callback costs nothing.
 */
public record Callbacks(
    @OptionalKey @Hyper(doc = "Fit the readout from training data before BPTT (seed 000, 7.4; Sutskever et al. "
        + "2013).") ReadoutPretraining pretrainReadout,
    @OptionalKey @Hyper(doc = "Batch normalisation: re-estimate the population statistics before every "
        + "evaluation (Cooijmans et al. 2017).") PopulationStatistics bnStatistics,
    @OptionalKey @Hyper(doc = "Per-update clipping statistics as series, and the final clipped_fraction.")
    ClipStatistics clipStatistics,
    @OptionalKey @Hyper(doc = "Gradient diagnostics as series: gradient flow, spectra of W_hh, Jacobian products.")
    GradientDiagnostics diagnostics,
    @OptionalKey @Hyper(doc = "The task's own success criterion on the final test set: final metrics success and "
        + "sequences_to_solve.") SuccessReport successReport,
    @OptionalKey @Hyper(doc = "Updates and sequences until a tracked metric first crosses a threshold.")
    TimeToTarget timeToTarget,
    @OptionalKey @Hyper(doc = "Stop when a tracked metric has not improved for a number of evaluations.")
    EarlyStopping earlyStopping,
    @OptionalKey @Hyper(doc = "Take the final metrics from the weights of the best evaluation of a tracked metric.")
    BestOnValidation bestOnValidation,
    @OptionalKey @Hyper(doc = "Samples of a language model during training, at several temperatures and by beam "
        + "search from the final model.") TextSamples samples) {

  /** The configured callbacks by key (the spec's snake_case names), in calling order. */
  public Map<String, CallbackConfig> byKey() {
    Map<String, CallbackConfig> out = new LinkedHashMap<>();
    for (RecordComponent rc : Callbacks.class.getRecordComponents()) {
      try {
        Object c = rc.getAccessor().invoke(this);
        if (c != null) {
          out.put(snakeCase(rc.getName()), (CallbackConfig) c);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The configured callbacks, in calling order. */
  public List<CallbackConfig> all() {
    return new ArrayList<>(byKey().values());
  }

  private static String snakeCase(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
