package org.rnnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.results.PlanRecord;

/**
 * The report's view of an experiment's plan: the current spec's wording, claims and published
 * numbers, and its groups with their tasks' baselines.
 *
 * @param sweep sweep keys to their values (canonical text), in spec order; empty without a sweep
 * @param factors the spec's factors with their levels' display names, in spec order; empty without factors
 * @param groups the cells' groups in plan order
 */
public record Experiment(
    String name,
    String profile,
    String specFile,
    String specSha256,
    String description,
    String mainMetric,
    boolean lowerIsBetter,
    List<String> variants,
    Map<String, List<String>> sweep,
    List<PlanRecord.Factor> factors,
    int seeds,
    List<Group> groups,
    List<Published> published,
    List<Claim> claims,
    String codeVersion,
    String command,
    String headlineColumns) {

  public Experiment {
    factors = factors == null ? List.of() : List.copyOf(factors);
  }

  /** An experiment whose headline takes its default layout. */
  public Experiment(String name, String profile, String specFile, String specSha256, String description,
                    String mainMetric, boolean lowerIsBetter, List<String> variants, Map<String, List<String>> sweep,
                    List<PlanRecord.Factor> factors, int seeds, List<Group> groups, List<Published> published,
                    List<Claim> claims, String codeVersion, String command) {
    this(name, profile, specFile, specSha256, description, mainMetric, lowerIsBetter, variants, sweep, factors,
        seeds, groups, published, claims, codeVersion, command, null);
  }

  /** An experiment without factors. */
  public Experiment(String name, String profile, String specFile, String specSha256, String description,
                    String mainMetric, boolean lowerIsBetter, List<String> variants, Map<String, List<String>> sweep,
                    int seeds, List<Group> groups, List<Published> published, List<Claim> claims, String codeVersion,
                    String command) {
    this(name, profile, specFile, specSha256, description, mainMetric, lowerIsBetter, variants, sweep, List.of(),
        seeds, groups, published, claims, codeVersion, command);
  }

  /** The view of {@code plan}. */
  static Experiment of(PlanRecord plan) {
    Map<String, List<String>> sweep = new LinkedHashMap<>();
    plan.sweep().forEach((k, v) -> sweep.put(k, v.stream().map(Point::canonicalValue).toList()));
    Map<String, JsonNode> configs = new LinkedHashMap<>();
    for (PlanRecord.PlannedTrial t : plan.trials()) {
      configs.putIfAbsent(t.group(), t.config());
    }
    List<Group> groups = new ArrayList<>();
    for (PlanRecord.Group g : plan.groups()) {
      groups.add(new Group(g.group(), g.variant(), Point.ofValues(g.point()), g.task(), g.baseline(),
          g.baselineDescription(), configs.getOrDefault(g.group(), MissingNode.getInstance()), g.factors(),
          levelLabels(plan.factors(), g.factors())));
    }
    List<Published> published = plan.published().stream()
        .map(p -> new Published(p.claim(), p.value(), p.source())).toList();
    List<Claim> claims = plan.claims().stream().map(c -> new Claim(c.text(), c.variant(), Point.ofValues(c.where()),
        c.metric(), c.statistic(), c.op(), c.value() == null ? Double.NaN : c.value(),
        c.than() == null ? null : new Reference(c.than().variant(), Point.ofValues(c.than().where()),
            c.than().metric(), c.than().statistic(), c.than().factor()))).toList();
    return new Experiment(plan.name(), plan.profile(), plan.specFile(), plan.specSha256(), plan.description(),
        plan.mainMetric(), plan.lowerIsBetter(), plan.variants(), sweep, plan.factors(), plan.seeds(), groups,
        published, claims,
        plan.codeVersion(), plan.command(), plan.headlineColumns());
  }

  /**
   * The display name of each level of {@code levels} (factor to level): the label, else the key; in the
   * factors' spec order, then any factor the plan does not list.
   */
  static Map<String, String> levelLabels(List<PlanRecord.Factor> factors, Map<String, String> levels) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PlanRecord.Factor f : factors) {
      String l = levels.get(f.name());
      if (l != null) {
        out.put(f.name(), f.levels().stream()
            .filter(x -> x.name().equals(l) && x.label() != null && !x.label().isEmpty())
            .map(PlanRecord.Level::label).findFirst().orElse(l));
      }
    }
    levels.forEach(out::putIfAbsent);
    return out;
  }

  /**
   * One variant at one sweep point; its trials differ only by seed.
   *
   * @param config the resolved config of the group's trials (its first trial's, with that trial's seeds), for
   *     charts that place groups by a setting; a missing node if the plan lists no trial of the group
   * @param factors the variant's level of each factor, if the spec's factors generate it; else empty
   * @param levelLabels the display name of each of those levels (factor to label, as {@code factors}); readers
   *     see {@link #display}, while ids, file names and CSV columns keep {@code variant} and {@code label}
   */
  public record Group(
      String label,
      String variant,
      Point point,
      String task,
      Map<String, Double> baseline,
      String baselineDescription,
      JsonNode config,
      Map<String, String> factors,
      Map<String, String> levelLabels) {

    public Group {
      factors = factors == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
      levelLabels = levelLabels == null ? Map.copyOf(factors)
          : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levelLabels));
    }

    /** A group whose levels are shown by their keys. */
    public Group(String label, String variant, Point point, String task, Map<String, Double> baseline,
                 String baselineDescription, JsonNode config, Map<String, String> factors) {
      this(label, variant, point, task, baseline, baselineDescription, config, factors, null);
    }

    /**
     * The variant's display name: its levels' labels joined with ", " in spec order (every level, the default
     * ones too, so that the name says what ran; a chart leaves out the levels all its lines share), or the
     * variant's name if it is hand-written.
     */
    public String display() {
      return levelLabels.isEmpty() ? variant : String.join(", ", levelLabels.values());
    }

    /** {@link #display} without the levels that every group of {@code among} shares: what tells {@code this} apart. */
    public String display(List<Group> among) {
      List<String> parts = new ArrayList<>();
      levelLabels.forEach((f, l) -> {
        if (!among.stream().allMatch(o -> factors.get(f).equals(o.factors().get(f)))) {
          parts.add(l);
        }
      });
      return parts.isEmpty() ? display() : String.join(", ", parts);
    }

    /** The display names of the levels that every group of {@code among} shares, joined with ", "; "" if none. */
    public static String shared(List<Group> among) {
      if (among.isEmpty()) {
        return "";
      }
      Group first = among.get(0);
      List<String> parts = new ArrayList<>();
      first.levelLabels.forEach((f, l) -> {
        if (among.stream().allMatch(o -> first.factors.get(f).equals(o.factors().get(f)))) {
          parts.add(l);
        }
      });
      return String.join(", ", parts);
    }

    /** A group of a hand-written variant (no factor levels). */
    public Group(String label, String variant, Point point, String task, Map<String, Double> baseline,
                 String baselineDescription, JsonNode config) {
      this(label, variant, point, task, baseline, baselineDescription, config, Map.of(), Map.of());
    }

    /** The number at a setting's path ({@code model.hidden_size}) of the group's config, or NaN if there is none. */
    double setting(String path) {
      JsonNode n = config == null ? MissingNode.getInstance() : config.at("/" + path.replace('.', '/'));
      return n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    /** The task baseline for {@code metric}, or NaN if none is given. */
    double baselineOf(String metric) {
      Double b = baseline.get(metric);
      return b == null ? Double.NaN : b;
    }
  }

  /** A number reported in the literature, shown next to ours for comparison. */
  public record Published(String claim, String value, String source) {}

  /**
   * A claim the experiment is meant to support, e.g. "mean mse of lstm at seq_len=100 is
   * below 0.05". A null variant matches every variant; an empty {@code where} every point.
   */
  public record Claim(
      String text,
      String variant,
      Point where,
      String metric,
      String statistic,
      String op,
      double value,
      Reference than) {}

  /** The other side of a comparison claim: factor times the statistic over the groups it selects. */
  public record Reference(String variant, Point where, String metric, String statistic, double factor) {}
}
