package org.rnnlab.engine.clip;

import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The threshold(s) of one rule in one run: absolute, or relative by Pascanu, Mikolov and Bengio's
 * heuristic (2013, sec. 3.2: "half to ten times" the average norm): {@code factor} times the mean
 * of the rule's own statistic over the first {@code calibration} updates of the run, summed in
 * update order. While calibrating the rule clips nothing; afterwards the threshold is fixed.
 */
final class Threshold {
  private final double value;
  private final int calibration;
  private final double[] sums;
  private final double[] fixed;
  private int seen;

  /**
   * @param value       the threshold, or with {@code calibration} the factor
   * @param calibration null: absolute; otherwise the number of calibration updates (&gt;= 1)
   * @param count       thresholds kept side by side (one per parameter tensor for per-matrix rules)
   */
  Threshold(double value, Integer calibration, int count) {
    this.value = value;
    this.calibration = calibration == null ? 0 : calibration;
    this.sums = new double[count];
    this.fixed = new double[count];
    java.util.Arrays.fill(fixed, value);
  }

  /** Whether this update still only measures. */
  boolean calibrating() {
    return seen < calibration;
  }

  /** Threshold i (valid when not calibrating). */
  double get(int i) {
    return fixed[i];
  }

  /** Number of thresholds. */
  int count() {
    return fixed.length;
  }

  /** During calibration: adds this update's statistic for threshold i. */
  void observe(int i, double statistic) {
    sums[i] += statistic;
  }

  /** During calibration: ends an update; after the last one the thresholds are fixed. */
  void endUpdate() {
    seen++;
    if (seen == calibration) {
      for (int i = 0; i < fixed.length; i++) {
        fixed[i] = value * (sums[i] / calibration);
      }
    }
  }

  /** Writes the calibration's progress (updates seen, sums) and the thresholds as the group {@code name}. */
  void save(StateWriter out, String name) {
    out.begin(name).writeInt("calibration_updates", calibration).writeInt("seen", seen).writeDoubles("sums", sums)
        .writeDoubles("thresholds", fixed).end();
  }

  /** Restores what {@link #save} wrote for a threshold of the same calibration length and count. */
  void restore(StateReader in, String name) {
    in.begin(name);
    int cal = in.readInt("calibration_updates");
    if (cal != calibration) {
      throw new StateFormatException(in.pathOf("calibration_updates") + ": calibration over " + cal + " updates, this rule calibrates over "
          + calibration);
    }
    int s = in.readInt("seen");
    double[] sm = in.readDoubles("sums", sums.length);
    double[] fx = in.readDoubles("thresholds", fixed.length);
    in.end();
    seen = s;
    System.arraycopy(sm, 0, sums, 0, sums.length);
    System.arraycopy(fx, 0, fixed, 0, fixed.length);
  }
}
