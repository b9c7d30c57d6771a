package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.TTest;

/**
 * Pairwise tests on the main metric between groups at the same sweep point, e.g. rnn vs lstm at
 * seq_len=100: Welch's t-test (two-sided, unequal variances, Welch-Satterthwaite degrees of
 * freedom) and beside it the Mann-Whitney U test (two-sided; exact p-value for small samples
 * without ties, else the normal approximation with continuity correction), both from Apache
 * Commons Statistics. Comparing across sweep points would mix the effect of the variant with the
 * effect of the task setting, so those pairs are skipped. No correction for multiple comparisons
 * is applied; the report says so.
 */
final class WelchTests {
  private static final TTest WELCH = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC)
      .with(AlternativeHypothesis.TWO_SIDED);
  private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults()
      .with(AlternativeHypothesis.TWO_SIDED);

  private WelchTests() {}

  /**
   * One comparison. t, df and p are NaN when either group has fewer than two ok seeds (the test
   * is undefined) and t, p are NaN when both groups have zero variance; u and pU are NaN when
   * either group is empty.
   *
   * @param u the Mann-Whitney U statistic of group A (the number of pairs in which A's value is
   *     the larger, ties counting one half)
   */
  record Comparison(
      String groupA, String groupB, String metric, int nA, int nB, double meanA, double meanB,
      double t, double df, double p, double medianA, double medianB, double u, double pU) {}

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

  /** Welch's test of mean(a) = mean(b) and Mann-Whitney's of P(a > b) = 1/2. */
  static Comparison compare(String labelA, String labelB, String metric, double[] a, double[] b) {
    double meanA = a.length == 0 ? Double.NaN : StatUtils.mean(a);
    double meanB = b.length == 0 ? Double.NaN : StatUtils.mean(b);
    double medianA = Stats.quantile(a, 0.5);
    double medianB = Stats.quantile(b, 0.5);
    double u = Double.NaN;
    double pU = Double.NaN;
    if (a.length > 0 && b.length > 0) {
      MannWhitneyUTest.Result r = MANN_WHITNEY.test(a, b);
      u = r.getStatistic();
      pU = r.getPValue();
    }
    if (a.length < 2 || b.length < 2) {
      return new Comparison(labelA, labelB, metric, a.length, b.length, meanA, meanB,
          Double.NaN, Double.NaN, Double.NaN, medianA, medianB, u, pU);
    }
    double va = StatUtils.variance(a) / a.length;
    double vb = StatUtils.variance(b) / b.length;
    double t;
    double p;
    double df;
    if (va + vb == 0) {
      // Identical constants give no evidence either way (the statistic would be 0/0).
      t = Double.NaN;
      p = Double.NaN;
      df = Double.NaN;
    } else {
      TTest.Result r = WELCH.test(a, b);
      t = r.getStatistic();
      p = r.getPValue();
      df = r.getDegreesOfFreedom();
    }
    return new Comparison(labelA, labelB, metric, a.length, b.length, meanA, meanB, t, df, p, medianA, medianB, u, pU);
  }
}
