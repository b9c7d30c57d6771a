package org.rnnlab.spec;

import java.util.List;
import java.util.Set;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.report.ChartConfig;
import org.rnnlab.report.ChartFormat;
import org.rnnlab.report.FinalMetricChart;
import org.rnnlab.report.LearningCurveChart;
import org.rnnlab.results.Measures;

/** The "report" section: the metric that ranks variants, and published numbers to compare with. */
public record ReportSpec(
    @Hyper(doc = "The task metric the report ranks and plots by, e.g. \"mse\" or \"accuracy\".") String mainMetric,
    @Hyper(doc = "Whether a smaller main_metric is better.", defaultValue = "true") Boolean lowerIsBetter,
    @Hyper(doc = "Published numbers shown next to ours.", defaultValue = "[]") List<Published> published,
    @Hyper(doc = "The charts of the report, each chosen by \"type\".",
        defaultValue = "[{\"type\": \"final_metric\"}, {\"type\": \"learning_curve\"}, "
            + "{\"type\": \"learning_curve\", \"metric\": \"" + Measures.TRAIN_LOSS + "\"}, "
            + "{\"type\": \"learning_curve\", \"metric\": \"" + Measures.GRAD_NORM + "\"}]")
    List<ChartConfig> charts,
    @Hyper(doc = "The files each chart is written as: \"png\" (shown by the pages, required), \"svg\" (text kept "
        + "as text) and \"pdf\" (for LaTeX). A report too large to commit with all three keeps the PNGs; "
        + "`rnnlab report NAME --formats png,svg,pdf` writes the others on demand.",
        defaultValue = "[\"png\", \"svg\", \"pdf\"]", allowed = {"png", "svg", "pdf"}) List<String> formats,
    @OptionalKey @Hyper(doc = "What the headline table's columns are: a factor's name (its levels as columns, the "
        + "other factors' combinations as rows; with one sweep point), or \"sweep\" (the sweep points as columns, "
        + "a row per variant). Absent: the first factor's levels with one sweep point and crossed factors, else a "
        + "column per variant.") String headlineColumns) {
  /** The charts of a spec that names none: the final main metric, and the curves of it, the training loss and
   * the gradient norm. */
  public static final List<ChartConfig> DEFAULT_CHARTS = List.of(new FinalMetricChart.Config(null),
      new LearningCurveChart.Config(null), new LearningCurveChart.Config(Measures.TRAIN_LOSS),
      new LearningCurveChart.Config(Measures.GRAD_NORM));

  /** A report section without a headline layout of its own. */
  public ReportSpec(String mainMetric, Boolean lowerIsBetter, List<Published> published, List<ChartConfig> charts,
                    List<String> formats) {
    this(mainMetric, lowerIsBetter, published, charts, formats, null);
  }

  public ReportSpec {
    if (mainMetric == null || mainMetric.isEmpty()) {
      throw new IllegalArgumentException("report needs main_metric");
    }
    lowerIsBetter = lowerIsBetter == null || lowerIsBetter;
    published = published == null ? List.of() : List.copyOf(published);
    charts = charts == null ? DEFAULT_CHARTS : List.copyOf(charts);
    formats = formats == null ? List.of("png", "svg", "pdf") : List.copyOf(formats);
  }

  /** {@link #formats} as the reporter takes them. */
  public Set<ChartFormat> chartFormats() {
    return ChartFormat.of(formats);
  }
}
