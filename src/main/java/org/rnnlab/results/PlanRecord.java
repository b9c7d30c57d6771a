package org.rnnlab.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * plan.json: an experiment unfolded into its trials, written once per run into the results
 * directory. {@code run-cell --index i} runs {@code trials[i]} from this file alone, and the
 * report presents the trials of the current plan (claims, published numbers and wording come from
 * the spec as it is now; numbers only from results whose config hashes match).
 *
 * @param sweep  sweep keys to their values (names for named points), in spec order
 * @param factors the factors of the spec's factors block with their levels' display names, in spec
 *               order; empty without one (and in plans written before factors)
 * @param groups the variant x sweep-point groups in plan order, each with its task's baseline
 * @param trials the trials in run order; {@code trials.get(i).index() == i}
 * @param headlineColumns the spec's report.headline_columns (a factor, or "sweep"); null: the default layout
 */
public record PlanRecord(
    String format,
    String name,
    String profile,
    String specFile,
    String specSha256,
    String description,
    String mainMetric,
    boolean lowerIsBetter,
    List<String> variants,
    Map<String, List<Object>> sweep,
    List<Factor> factors,
    int seeds,
    List<Group> groups,
    List<PlannedTrial> trials,
    List<Published> published,
    List<Claim> claims,
    String codeVersion,
    String command,
    String headlineColumns) {
  /** The format this code writes and reads. */
  public static final String FORMAT = "rnnlab-plan/2";

  public PlanRecord {
    variants = List.copyOf(variants);
    sweep = Collections.unmodifiableMap(new LinkedHashMap<>(sweep));
    factors = factors == null ? List.of() : List.copyOf(factors);
    groups = List.copyOf(groups);
    trials = List.copyOf(trials);
    published = List.copyOf(published);
    claims = List.copyOf(claims);
    for (int i = 0; i < trials.size(); i++) {
      if (trials.get(i).index() != i) {
        throw new IllegalArgumentException("trial " + trials.get(i).trial() + " has index " + trials.get(i).index()
            + ", expected " + i);
      }
    }
  }

  /** This plan with the code version and command of another run (the one that computed a record's trials). */
  public PlanRecord withRun(String codeVersion, String command) {
    return new PlanRecord(format, name, profile, specFile, specSha256, description, mainMetric, lowerIsBetter,
        variants, sweep, factors, seeds, groups, trials, published, claims, codeVersion, command, headlineColumns);
  }

  /** A plan whose headline takes its default layout (as written before the spec could choose one). */
  public PlanRecord(String format, String name, String profile, String specFile, String specSha256,
                    String description, String mainMetric, boolean lowerIsBetter, List<String> variants,
                    Map<String, List<Object>> sweep, List<Factor> factors, int seeds, List<Group> groups,
                    List<PlannedTrial> trials, List<Published> published, List<Claim> claims, String codeVersion,
                    String command) {
    this(format, name, profile, specFile, specSha256, description, mainMetric, lowerIsBetter, variants, sweep,
        factors, seeds, groups, trials, published, claims, codeVersion, command, null);
  }

  /** A plan without factors (as written before them). */
  public PlanRecord(String format, String name, String profile, String specFile, String specSha256,
                    String description, String mainMetric, boolean lowerIsBetter, List<String> variants,
                    Map<String, List<Object>> sweep, int seeds, List<Group> groups, List<PlannedTrial> trials,
                    List<Published> published, List<Claim> claims, String codeVersion, String command) {
    this(format, name, profile, specFile, specSha256, description, mainMetric, lowerIsBetter, variants, sweep,
        List.of(), seeds, groups, trials, published, claims, codeVersion, command);
  }

  /** A factor of the spec: its name and its levels in spec order. */
  public record Factor(String name, List<Level> levels) {
    public Factor {
      levels = List.copyOf(levels);
    }
  }

  /** A level of a factor: its key in the spec and its display name. */
  public record Level(String name, String label) {}

  /**
   * One variant at one sweep point; its trials differ only in their seed.
   *
   * @param task     the task in one line, with its source
   * @param baseline the task's trivial baseline per metric (computed from the data where it depends on it)
   * @param metrics  the final metrics every trial of the group reports
   * @param factors  the variant's level of each factor (in spec order), if the factors generate it; else empty
   */
  public record Group(String group, String variant, Map<String, Object> point, String task,
                      Map<String, Double> baseline, String baselineDescription, List<String> metrics,
                      Map<String, String> factors) {
    public Group {
      point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
      baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
      metrics = List.copyOf(metrics);
      factors = factors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }

    /** A group of a hand-written variant (no factor levels). */
    public Group(String group, String variant, Map<String, Object> point, String task, Map<String, Double> baseline,
                 String baselineDescription, List<String> metrics) {
      this(group, variant, point, task, baseline, baselineDescription, metrics, Map.of());
    }
  }

  /**
   * One planned trial.
   *
   * @param config the fully resolved config (defaults filled in, with "seed" and "test_seed"), whose
   *               canonical text hashes to {@code configSha256}
   */
  public record PlannedTrial(int index, String trial, String group, String variant, Map<String, Object> point,
                             int seedIndex, long seed, long testSeed, String configSha256, JsonNode config) {
    public PlannedTrial {
      point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }
  }

  /** A number from the literature, shown next to ours. */
  public record Published(String claim, String value, String source) {}

  /**
   * A claim the report checks: {@code statistic} of {@code metric} over every ok seed of the
   * matching groups satisfies {@code op value}, or {@code op than.factor * (than's statistic over its
   * groups)} when {@code than} is given (then value is null); null variant and empty where match everything.
   */
  public record Claim(String text, String variant, Map<String, Object> where, String metric, String statistic,
                      String op, Double value, Reference than) {
    public Claim {
      where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
    }
  }

  /** The other side of a comparison claim, every default filled in. */
  public record Reference(String variant, Map<String, Object> where, String metric, String statistic, double factor) {
    public Reference {
      where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
    }
  }

  /** The group labelled {@code label}, or null. */
  public Group group(String label) {
    for (Group g : groups) {
      if (g.group().equals(label)) {
        return g;
      }
    }
    return null;
  }
}
