package org.rnnlab.procedure.bptt.callbacks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.StepResult;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Network;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.FinalState;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;

/**
 * {@code "clip_statistics": {"trace": true}}: what the clipping rule did (docs/clipping.md): every
 * update's gradient norm before and after clipping and whether the rule fired (series
 * {@code clip.norm_before}, {@code clip.norm_after}, {@code clip.fired}), each threshold when it
 * becomes known or changes ({@code clip.threshold.<name>}), and the final metric
 * {@code clipped_fraction}. Observes only.
 */
public record ClipStatistics(
    @Hyper(doc = "Also the per-update series clip.norm_before, clip.norm_after and clip.fired (three rows of "
        + "series.csv per update); false: only the thresholds and clipped_fraction.", defaultValue = "true")
    Boolean trace) implements CallbackConfig {
  /** Final metric: the fraction of updates in which the rule fired. */
  public static final String CLIPPED_FRACTION = Measures.CLIPPED_FRACTION;
  /** Series: the gradient norm of every update before clipping. */
  public static final String NORM_BEFORE = Measures.CLIP_NORM_BEFORE;
  /** Series: the gradient norm of every update after clipping. */
  public static final String NORM_AFTER = Measures.CLIP_NORM_AFTER;
  /** Series: 1 if the rule fired in the update, else 0. */
  public static final String FIRED = Measures.CLIP_FIRED;

  public ClipStatistics {
    trace = trace == null || trace;
  }

  @Override
  public boolean observesOnly() {
    return true;
  }

  @Override
  public List<String> metrics(TrialConfig config, BpttTraining training) {
    return List.of(CLIPPED_FRACTION);
  }

  /** With trace, the per-update norms and firings; always the thresholds, named by the rule at run time. */
  @Override
  public List<MeasureName> series(TrialConfig config, BpttTraining training) {
    List<MeasureName> out = new ArrayList<>();
    if (trace) {
      List.of(NORM_BEFORE, NORM_AFTER, FIRED).forEach(n -> out.add(MeasureName.exact(n)));
    }
    out.add(Measures.clipThresholds());
    return out;
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    return new Recording(run.trainer(), run.recorder());
  }

  private final class Recording implements TrainingCallback {
    private final Network.Training trainer;
    private final Recorder rec;
    private final Map<String, Double> thresholds = new HashMap<>();
    private long updates;
    private long fired;

    Recording(Network.Training trainer, Recorder rec) {
      this.trainer = trainer;
      this.rec = rec;
    }

    @Override
    public void afterUpdate(long step, StepResult result) {
      List<ClipStats> clips = result.clips();
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
      if (trace) {
        rec.series(NORM_BEFORE, step, before);
        rec.series(NORM_AFTER, step, after);
        rec.series(FIRED, step, f);
      }
      thresholds(step);
    }

    @Override
    public void endOfStep(long step) {
      if (step == 0) {
        thresholds(0);
      }
    }

    /** Records the thresholds that appeared or changed since the last call. */
    private void thresholds(long step) {
      trainer.clipThresholds().forEach((name, value) -> {
        Double old = thresholds.put(name, value);
        if (old == null || Double.doubleToLongBits(old) != Double.doubleToLongBits(value)) {
          rec.series(Measures.clipThreshold(name), step, new double[] {value});
        }
      });
    }

    @Override
    public void save(StateWriter out) {
      java.util.TreeMap<String, Double> sorted = new java.util.TreeMap<>(thresholds);
      out.writeString("threshold_names", String.join("\n", sorted.keySet()));
      out.writeDoubles("threshold_values", sorted.values().stream().mapToDouble(Double::doubleValue).toArray());
      out.writeLong("updates", updates).writeLong("fired", fired);
    }

    @Override
    public void restore(StateReader in) {
      String names = in.readString("threshold_names");
      double[] values = in.readDoubles("threshold_values");
      thresholds.clear();
      if (!names.isEmpty()) {
        String[] n = names.split("\n", -1);
        for (int i = 0; i < n.length; i++) {
          thresholds.put(n[i], values[i]);
        }
      }
      updates = in.readLong("updates");
      fired = in.readLong("fired");
    }

    @Override
    public void atEnd(FinalState state, Recorder recorder) {
      recorder.metric(CLIPPED_FRACTION, updates == 0 ? null : (double) fired / updates);
    }
  }
}
