package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Pairwise Welch t-tests (two-sided, unequal variances) on the main metric between groups at
 * the same sweep point, e.g. rnn vs lstm at seq_len=100. Comparing across sweep points would
 * mix the effect of the variant with the effect of the task setting, so those pairs are skipped.
 * No correction for multiple comparisons is applied; the report says so.
 */
final class WelchTests {
  private WelchTests() {}

  /**
   * One comparison. t, df and p are NaN when either group has fewer than two ok seeds (the test
   * is undefined) and t, p are NaN when both groups have zero variance.
   */
  record Comparison(
      String groupA, String groupB, String metric, int nA, int nB, double meanA, double meanB,
      double t, double df, double p) {}

  /** All comparisons on the main metric, pairs in plan order (a before b). */
  static List<Comparison> of(Results results) {
    String metric = results.experiment().mainMetric();
    List<Experiment.Group> groups = results.groups();
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      for (int j = i + 1; j < groups.size(); j++) {
        Experiment.Group a = groups.get(i);
        Experiment.Group b = groups.get(j);
        if (a.point().equals(b.point())) {
          out.add(
              compare(
                  a.label(), b.label(), metric,
                  results.okValues(a.label(), metric), results.okValues(b.label(), metric)));
        }
      }
    }
    return out;
  }

  /** Welch's test of mean(a) = mean(b). */
  static Comparison compare(String labelA, String labelB, String metric, double[] a, double[] b) {
    double meanA = a.length == 0 ? Double.NaN : StatUtils.mean(a);
    double meanB = b.length == 0 ? Double.NaN : StatUtils.mean(b);
    if (a.length < 2 || b.length < 2) {
      return new Comparison(labelA, labelB, metric, a.length, b.length, meanA, meanB,
          Double.NaN, Double.NaN, Double.NaN);
    }
    double va = StatUtils.variance(a) / a.length;
    double vb = StatUtils.variance(b) / b.length;
    double t;
    double p;
    if (va + vb == 0) {
      // commons-math would divide by zero here; identical constants give no evidence either way.
      t = Double.NaN;
      p = Double.NaN;
    } else {
      TTest test = new TTest();
      t = test.t(a, b);
      p = test.tTest(a, b);
    }
    // Welch-Satterthwaite; commons-math computes it internally but does not expose it.
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    return new Comparison(labelA, labelB, metric, a.length, b.length, meanA, meanB, t, df, p);
  }
}
