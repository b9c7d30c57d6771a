package org.rnnlab.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Resume;
import org.rnnlab.procedure.TrialCancelledException;
import org.rnnlab.results.Checkpoints;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.ModelFile;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.SeriesRow;
import org.rnnlab.results.TextRow;

/** A {@link Recorder} that keeps what one trial reports, for the result files. */
final class TrialRecording implements Recorder {
  /** Told the fraction done of the trial's procedure, and (for a progress display) the curve values it records. */
  interface Listener {
    void progress(double fraction);

    /** A value of the learning curve, as the procedure recorded it. */
    default void scalar(long step, String metric, double value) {}

    /** One line about the trial worth telling its user (resumed from a checkpoint, a damaged one skipped). */
    default void note(String line) {
      System.err.println(line);
    }
  }

  final List<CurveRow> curve = new ArrayList<>();
  final List<SeriesRow> series = new ArrayList<>();
  final List<TextRow> texts = new ArrayList<>();
  final Map<String, Double> metrics = new LinkedHashMap<>();
  Long divergedAt;
  /** The trained model's file (ModelFile), if the procedure kept one. */
  byte[] model;
  private final Listener listener;
  private final BooleanSupplier stopping;
  private final Checkpoints checkpoints;
  private final String fingerprint;
  private final String trial;
  private List<Checkpoints.Checkpoint> usable = List.of();

  /** A recording without checkpoints (nothing to resume from, nothing saved). */
  TrialRecording(Listener listener, BooleanSupplier stopping) {
    this(listener, stopping, null, null, null);
  }

  /**
   * @param checkpoints where the trial's checkpoints are (null: none)
   * @param fingerprint what a usable checkpoint must have been written by (config hash and code version)
   */
  TrialRecording(Listener listener, BooleanSupplier stopping, Checkpoints checkpoints, String fingerprint,
                 String trial) {
    this.listener = listener;
    this.stopping = stopping;
    this.checkpoints = checkpoints;
    this.fingerprint = fingerprint;
    this.trial = trial;
  }

  @Override
  public Resume resume() {
    if (checkpoints == null) {
      return null;
    }
    Checkpoints.Scan scan;
    try {
      scan = checkpoints.scan(fingerprint);
    } catch (IOException e) {
      listener.note(trial + ": checkpoints of " + checkpoints.dir() + " cannot be read (" + e.getMessage()
          + "); starting from scratch");
      return null;
    }
    usable = new ArrayList<>(scan.usable());
    Long next = usable.isEmpty() ? null : usable.get(0).update();
    for (Checkpoints.Rejected r : scan.rejected()) {
      listener.note(trial + ": " + r.line(next));
    }
    return next(null);
  }

  @Override
  public Resume resumeFailed(Resume failed, String reason) {
    Checkpoints.Checkpoint c = usable.remove(0);
    Long next = usable.isEmpty() ? null : usable.get(0).update();
    listener.note(trial + ": " + new Checkpoints.Rejected(c.file(), reason).line(next));
    return next(failed);
  }

  /** The newest usable checkpoint's procedure state, with the rows recorded until then restored; or null. */
  private Resume next(Resume failed) {
    clearRows();
    while (!usable.isEmpty()) {
      Checkpoints.Checkpoint c = usable.get(0);
      try {
        Resume r = unpack(c);
        listener.note(trial + ": resumed at update " + c.update());
        return r;
      } catch (StateFormatException | IllegalArgumentException e) {
        usable.remove(0);
        Long next = usable.isEmpty() ? null : usable.get(0).update();
        listener.note(trial + ": " + new Checkpoints.Rejected(c.file(), e.getMessage()).line(next));
        clearRows();
      }
    }
    return null;
  }

  private void clearRows() {
    curve.clear();
    series.clear();
    texts.clear();
  }

  @Override
  public void checkpoint(long update, byte[] state) {
    if (checkpoints == null) {
      return;
    }
    try {
      checkpoints.write(update, fingerprint, pack(state));
    } catch (IOException e) {
      listener.note(trial + ": checkpoint at update " + update + " not written (" + e.getMessage() + ")");
    }
  }

  @Override
  public void keepModel(ObjectNode stateDict, ObjectNode extras) {
    model = ModelFile.encode(stateDict, extras);
  }

  /** The checkpoint's contents: the rows recorded so far, then the procedure's state. */
  private byte[] pack(byte[] procedure) {
    StateWriter w = new StateWriter();
    w.begin("recording");
    w.writeLongs("curve_steps", curve.stream().mapToLong(CurveRow::step).toArray());
    w.writeString("curve_metrics", String.join("\n", curve.stream().map(CurveRow::metric).toList()));
    w.writeDoubles("curve_values", curve.stream().mapToDouble(CurveRow::value).toArray());
    w.writeString("series_names", String.join("\n", series.stream().map(SeriesRow::name).toList()));
    w.writeLongs("series_steps", series.stream().mapToLong(SeriesRow::step).toArray());
    w.writeInts("series_indices", series.stream().mapToInt(SeriesRow::index).toArray());
    w.writeDoubles("series_values", series.stream().mapToDouble(SeriesRow::value).toArray());
    w.writeString("texts", ResultsJson.pretty(texts));
    w.end();
    byte[] rows = w.toByteArray();
    return ByteBuffer.allocate(4 + rows.length + procedure.length).putInt(rows.length).put(rows).put(procedure)
        .array();
  }

  private Resume unpack(Checkpoints.Checkpoint c) {
    ByteBuffer b = ByteBuffer.wrap(c.state());
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new StateFormatException("the recorded rows' length " + n + " is out of range");
    }
    byte[] rows = new byte[n];
    b.get(rows);
    byte[] procedure = new byte[b.remaining()];
    b.get(procedure);
    StateReader r = new StateReader(rows);
    r.begin("recording");
    long[] steps = r.readLongs("curve_steps");
    String[] metrics = split(r.readString("curve_metrics"), steps.length);
    double[] values = r.readDoubles("curve_values", steps.length);
    for (int i = 0; i < steps.length; i++) {
      curve.add(new CurveRow(steps[i], metrics[i], values[i]));
    }
    String names = r.readString("series_names");
    long[] sSteps = r.readLongs("series_steps");
    String[] sNames = split(names, sSteps.length);
    int[] idx = r.readInts("series_indices");
    double[] sValues = r.readDoubles("series_values", sSteps.length);
    if (idx.length != sSteps.length) {
      throw new StateFormatException("series rows disagree in length");
    }
    for (int i = 0; i < sSteps.length; i++) {
      series.add(new SeriesRow(sNames[i], sSteps[i], idx[i], sValues[i]));
    }
    try {
      texts.addAll(List.of(ResultsJson.mapper().readValue(r.readString("texts"), TextRow[].class)));
    } catch (java.io.IOException e) {
      throw new StateFormatException("recorded texts: " + e.getMessage());
    }
    r.end();
    r.finish();
    return new Resume(c.update(), procedure);
  }

  private static String[] split(String joined, int n) {
    String[] out = n == 0 ? new String[0] : joined.split("\n", -1);
    if (out.length != n) {
      throw new StateFormatException("recorded rows: " + out.length + " names for " + n + " values");
    }
    return out;
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
  public void text(String name, long step, Map<String, Double> values, String text) {
    texts.add(new TextRow(name, step, values, text));
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
