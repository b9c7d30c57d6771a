package org.rnnlab.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.TrialCancelledException;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.SeriesRow;

/** A {@link Recorder} that keeps what one trial reports, for the result files. */
final class TrialRecording implements Recorder {
  /** Told the fraction done of the trial's procedure, and (for a progress display) the curve values it records. */
  interface Listener {
    void progress(double fraction);

    /** A value of the learning curve, as the procedure recorded it. */
    default void scalar(long step, String metric, double value) {}
  }

  final List<CurveRow> curve = new ArrayList<>();
  final List<SeriesRow> series = new ArrayList<>();
  final Map<String, Double> metrics = new LinkedHashMap<>();
  Long divergedAt;
  private final Listener listener;
  private final BooleanSupplier stopping;

  TrialRecording(Listener listener, BooleanSupplier stopping) {
    this.listener = listener;
    this.stopping = stopping;
  }

  @Override
  public void scalar(long step, String metric, double value) {
    curve.add(new CurveRow(step, metric, value));
    listener.scalar(step, metric, value);
  }

  @Override
  public void series(String name, long step, double[] values) {
    for (int i = 0; i < values.length; i++) {
      series.add(new SeriesRow(name, step, i, values[i]));
    }
  }

  @Override
  public void metric(String name, Double value) {
    metrics.put(name, value);
  }

  @Override
  public void diverged(long step) {
    divergedAt = step;
  }

  @Override
  public void progress(long done, long total) {
    if (stopping.getAsBoolean()) {
      throw new TrialCancelledException("the run is stopping");
    }
    listener.progress(total <= 0 ? 1.0 : Math.min(1.0, (double) done / total));
  }
}
