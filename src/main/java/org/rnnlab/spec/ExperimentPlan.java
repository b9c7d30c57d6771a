package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment unfolded into its trials, in run order: variants (hand-written in file
 * order, then those the factors generate) x sweep points (first key slowest) x seed index. Built by
 * {@link Planner#plan}.
 *
 * @param name        the spec file's name without ".json"
 * @param profile     the profile applied, or null
 * @param specFile    the spec path as given
 * @param specSha256  SHA-256 of the spec file's bytes, hex
 * @param spec        the spec with the profile merged in (each of its sweep keys replacing the
 *                    base's whole value of that key) and "profiles" removed (a copy per call)
 * @param variants    variant names in run order ({@code [base]} without variants)
 * @param factors     the factors of the spec's factors block, in cross order; empty without one
 * @param levels      each variant the factors generate to its level of each factor (cross order);
 *                    hand-written variants are not in it
 * @param sweep       sweep keys to their values (for named points, their names), in file order;
 *                    empty without a sweep
 * @param claims      the claims, with metric filled in (report.main_metric if absent) and
 *                    {@code where} values replaced by the equal swept values (names for named points)
 */
public record ExperimentPlan(
    String name,
    String profile,
    String specFile,
    String specSha256,
    JsonNode spec,
    String description,
    int seeds,
    long rootSeed,
    List<String> variants,
    List<Factor> factors,
    Map<String, Map<String, String>> levels,
    Map<String, List<Object>> sweep,
    ReportSpec report,
    List<Claim> claims,
    List<TrialPlan> trials) {
  public ExperimentPlan {
    spec = spec.deepCopy();
    variants = List.copyOf(variants);
    factors = List.copyOf(factors);
    Map<String, Map<String, String>> l = new LinkedHashMap<>();
    levels.forEach((k, v) -> l.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    levels = Collections.unmodifiableMap(l);
    Map<String, List<Object>> s = new LinkedHashMap<>();
    sweep.forEach((k, v) -> s.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    sweep = Collections.unmodifiableMap(s);
    claims = List.copyOf(claims);
    trials = List.copyOf(trials);
  }

  /** The merged spec (a fresh copy: JSON trees are mutable). */
  @Override
  public JsonNode spec() {
    return spec.deepCopy();
  }

  /** The results directory name: NAME, or NAME.PROFILE for a profile (names cannot hold dots). */
  public String resultsName() {
    return profile == null ? name : name + "." + profile;
  }

  /** Group labels in run order. */
  public List<String> groups() {
    LinkedHashSet<String> g = new LinkedHashSet<>();
    trials.forEach(t -> g.add(t.group()));
    return List.copyOf(g);
  }
}
