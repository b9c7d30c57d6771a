package org.rnnlab.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;

/**
 * A statement the experiment should support, checked by the report: the {@code statistic} of
 * {@code metric} over every seed of the matching cells satisfies {@code op value}, or
 * {@code op factor * reference} where the reference is the same kind of statistic over other
 * groups ({@code than}: e.g. "NRMSE at 400 units is below NRMSE at 200 units").
 */
public record Claim(
    @Hyper(doc = "The claim in words, e.g. \"LSTM beats the baseline at T=100\".") String text,
    @OptionalKey @Hyper(doc = "The variant it is about; absent: every variant.") String variant,
    @Hyper(doc = "Sweep points it is about: sweep key to one of its values, or to a point name for named "
        + "points; keys left out match every value.", defaultValue = "{}") Map<String, Object> where,
    @OptionalKey @Hyper(doc = "The task metric; absent: report.main_metric.") String metric,
    @Hyper(doc = "How the seeds are summarised.", allowed = {"mean", "median", "max", "min"},
        defaultValue = "\"mean\"") String statistic,
    @Hyper(doc = "Comparison of the statistic with value (or with than).", allowed = {"<", "<=", ">", ">="}) String op,
    @OptionalKey @Hyper(doc = "The threshold; give it or than.") Double value,
    @OptionalKey @Hyper(doc = "Instead of a value: compare with the statistic over other groups.") Reference than) {
  /**
   * The other side of a comparison claim: the groups it is about are the claim's with these
   * overrides ({@code where} keys replace the claim's key by key), summarised by the same or another
   * statistic of the same or another metric, times {@code factor}.
   */
  public record Reference(
      @OptionalKey @Hyper(doc = "The variant; absent: the claim's.") String variant,
      @Hyper(doc = "Sweep key to a value or point name, replacing the claim's where key by key.",
          defaultValue = "{}") Map<String, Object> where,
      @OptionalKey @Hyper(doc = "The metric; absent: the claim's.") String metric,
      @OptionalKey @Hyper(doc = "How its seeds are summarised; absent: the claim's statistic.",
          allowed = {"mean", "median", "max", "min"}) String statistic,
      @Hyper(doc = "The claim compares with factor times the reference statistic.", min = 0, exclusiveMin = true,
          defaultValue = "1.0") Double factor) {
    public Reference {
      where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
      factor = factor == null ? 1.0 : factor;
      if (!(factor > 0.0) || factor.isInfinite()) {
        throw new IllegalArgumentException("than.factor must be a finite number > 0, got " + factor);
      }
    }
  }

  public Claim {
    if (text == null || op == null || (value == null) == (than == null)) {
      throw new IllegalArgumentException("a claim needs text, op and either value or than");
    }
    where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
    statistic = statistic == null ? "mean" : statistic;
  }
}
