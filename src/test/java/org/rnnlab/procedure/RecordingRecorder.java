package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything a procedure reports, for tests. */
public class RecordingRecorder implements Recorder {
  public final List<String> curve = new ArrayList<>();
  public final List<String> series = new ArrayList<>();
  public final List<org.rnnlab.results.TextRow> texts = new ArrayList<>();
  public final Map<String, Double> metrics = new LinkedHashMap<>();
  public final List<long[]> progress = new ArrayList<>();
  public Long divergedAt;
  /** The kept model's parameters (ParamsIO's JSON), if the procedure kept one. */
  public com.fasterxml.jackson.databind.node.ObjectNode model;

  @Override
  public void scalar(long step, String metric, double value) {
    curve.add(step + "," + metric + "," + Long.toHexString(Double.doubleToLongBits(value)));
  }

  @Override
  public void series(String name, long step, double[] values) {
    StringBuilder sb = new StringBuilder(name + "," + step);
    for (double v : values) {
      sb.append(',').append(Long.toHexString(Double.doubleToLongBits(v)));
    }
    series.add(sb.toString());
  }

  @Override
  public void text(String name, long step, Map<String, Double> values, String text) {
    texts.add(new org.rnnlab.results.TextRow(name, step, values, text));
  }

  @Override
  public void metric(String name, Double value) {
    metrics.put(name, value);
  }

  @Override
  public void keepModel(com.fasterxml.jackson.databind.node.ObjectNode stateDict,
                        com.fasterxml.jackson.databind.node.ObjectNode extras) {
    model = stateDict;
  }

  @Override
  public void diverged(long step) {
    divergedAt = step;
  }

  @Override
  public void progress(long done, long total) {
    progress.add(new long[] {done, total});
  }
}
