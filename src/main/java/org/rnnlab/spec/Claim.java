package org.rnnlab.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;

/**
 * A statement the experiment should support, checked by the report: the {@code statistic} of
 * {@code metric} over every seed of the matching cells satisfies {@code op value}.
 */
public record Claim(
    @Hyper(doc = "The claim in words, e.g. \"LSTM beats the baseline at T=100\".") String text,
    @OptionalKey @Hyper(doc = "The variant it is about; absent: every variant.") String variant,
    @Hyper(doc = "Sweep points it is about: sweep key to one of its values, or to a point name for named "
        + "points; keys left out match every value.", defaultValue = "{}") Map<String, Object> where,
    @OptionalKey @Hyper(doc = "The task metric; absent: report.main_metric.") String metric,
    @Hyper(doc = "How the seeds are summarised.", allowed = {"mean", "median", "max", "min"},
        defaultValue = "\"mean\"") String statistic,
    @Hyper(doc = "Comparison of the statistic with value.", allowed = {"<", "<=", ">", ">="}) String op,
    @Hyper(doc = "The threshold.") Double value) {
  public Claim {
    if (text == null || op == null || value == null) {
      throw new IllegalArgumentException("a claim needs text, op and value");
    }
    where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
    statistic = statistic == null ? "mean" : statistic;
  }
}
