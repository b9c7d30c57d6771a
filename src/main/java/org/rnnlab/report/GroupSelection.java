package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which groups a chart draws: an optional variant, and per sweep key a regular expression that
 * the group's value there (the canonical text, or the point's name for named points) must match
 * in full; keys left out match every value.
 */
record GroupSelection(String variant, Map<String, Pattern> where) {
  /** The selection of a chart config's {@code variant} and {@code where}; a bad pattern is a config error. */
  static GroupSelection of(String variant, Map<String, String> where) {
    Map<String, Pattern> p = new LinkedHashMap<>();
    if (where != null) {
      where.forEach((k, v) -> {
        try {
          p.put(k, Pattern.compile(v));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("where." + k + ": \"" + v + "\" is not a regular expression: "
              + e.getDescription());
        }
      });
    }
    return new GroupSelection(variant, p);
  }

  /** Whether {@code g} is selected. */
  boolean test(Experiment.Group g) {
    if (variant != null && !variant.equals(g.variant())) {
      return false;
    }
    for (Map.Entry<String, Pattern> e : where.entrySet()) {
      String v = g.point().values().get(e.getKey());
      if (v == null || !e.getValue().matcher(v).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The selected groups of {@code results}, in plan order. */
  List<Experiment.Group> groups(Results results) {
    List<Experiment.Group> out = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      if (test(g)) {
        out.add(g);
      }
    }
    return out;
  }

  /** The variants among {@code groups}, in plan order. */
  static List<String> variants(Results results, List<Experiment.Group> groups) {
    List<String> out = new ArrayList<>();
    for (String v : results.experiment().variants()) {
      if (groups.stream().anyMatch(g -> g.variant().equals(v))) {
        out.add(v);
      }
    }
    groups.stream().map(Experiment.Group::variant).filter(v -> !out.contains(v)).forEach(out::add);
    return out;
  }

  /** The last part of a setting's path, for axis titles ({@code model.hidden_size} -> hidden_size). */
  static String settingName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /**
   * A setting's path as sweep keys write it ({@code model.cell.spectral_radius}): keys of a trial's
   * resolved config joined by dots.
   */
  static String checkPath(String path, String key) {
    if (path == null || !path.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
      throw new IllegalArgumentException(key + " must be a setting's path such as model.hidden_size, got " + path);
    }
    return path;
  }
}
