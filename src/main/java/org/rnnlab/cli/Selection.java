package org.rnnlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.spec.ScalarText;
import picocli.CommandLine.Option;

/**
 * The {@code --only} and {@code --where} options of run, report and compare: a subset of an experiment's
 * variants, sweep points or seeds. {@code --only lstm,gru} keeps those variants; {@code --where
 * KEY=V1,V2} (repeatable; every key must match) keeps the trials whose sweep key has one of the
 * values, where KEY is a sweep key, its last segment ({@code seq_len} for {@code task.seq_len}),
 * a factor of the spec's factors block (its levels by name, e.g. {@code model=bn_lstm,ln_lstm}),
 * {@code variant} or {@code seed} (seed indices, e.g. {@code seed=0,1} or {@code seed=0-2}).
 * Names are checked against the plan, with "did you mean".
 */
final class Selection {
  @Option(names = "--only", split = ",", paramLabel = "VARIANT",
      description = "Only these variants (comma-separated).")
  List<String> only;

  @Option(names = "--where", paramLabel = "KEY=VALUES",
      description = "Only trials whose sweep key, factor (by level), 'variant' or 'seed' (by index, e.g. seed=0-2) "
          + "has one of the comma-separated values; repeatable, all must match.")
  List<String> where;

  /** Whether any filter was given. */
  boolean isEmpty() {
    return (only == null || only.isEmpty()) && (where == null || where.isEmpty());
  }

  /** A checked filter over one plan. */
  record Chosen(Predicate<PlanRecord.PlannedTrial> trials, String label, String slug) {
    static final Chosen ALL = new Chosen(t -> true, "", "");

    boolean isAll() {
      return slug.isEmpty();
    }

    /**
     * The plan restricted to the chosen trials: their groups, and the claims about at least one
     * of those groups (a claim about a left-out group cannot be judged on the subset); the
     * description says which subset it is.
     */
    PlanRecord apply(PlanRecord p) {
      if (isAll()) {
        return p;
      }
      List<PlanRecord.PlannedTrial> kept = new ArrayList<>();
      Set<String> groups = new LinkedHashSet<>();
      for (PlanRecord.PlannedTrial t : p.trials()) {
        if (trials.test(t)) {
          PlanRecord.PlannedTrial renumbered = new PlanRecord.PlannedTrial(kept.size(), t.trial(), t.group(),
              t.variant(), t.point(), t.seedIndex(), t.seed(), t.testSeed(), t.configSha256(), t.config());
          kept.add(renumbered);
          groups.add(t.group());
        }
      }
      List<PlanRecord.Group> keptGroups = p.groups().stream().filter(g -> groups.contains(g.group())).toList();
      // a comparison claim needs both sides: without its reference groups it could only fail
      List<PlanRecord.Claim> claims = p.claims().stream().filter(c -> anyKept(keptGroups, c.variant(), c.where())
          && (c.than() == null || anyKept(keptGroups, c.than().variant(), c.than().where()))).toList();
      return new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(),
          p.description() + " (Subset: " + label + "; claims about other groups are left out.)", p.mainMetric(),
          p.lowerIsBetter(), p.variants(), p.sweep(), p.factors(), p.seeds(), keptGroups, kept, p.published(), claims,
          p.codeVersion(), p.command(), p.headlineColumns());
    }

    private static boolean anyKept(List<PlanRecord.Group> kept, String variant, Map<String, Object> where) {
      return kept.stream().anyMatch(g -> (variant == null || variant.equals(g.variant())) && matches(g.point(), where));
    }

    private static boolean matches(Map<String, Object> point, Map<String, Object> where) {
      for (Map.Entry<String, Object> e : where.entrySet()) {
        Object v = point.get(e.getKey());
        if (v == null || !ScalarText.text(v).equals(ScalarText.text(e.getValue()))) {
          return false;
        }
      }
      return true;
    }
  }

  /** The filter over {@code plan}'s trials; an unknown name or value is a usage error. */
  Chosen choose(PlanRecord plan) {
    if (isEmpty()) {
      return Chosen.ALL;
    }
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    if (only != null && !only.isEmpty()) {
      wanted.put("variant", new LinkedHashSet<>(only));
    }
    for (String w : where == null ? List.<String>of() : where) {
      int eq = w.indexOf('=');
      if (eq <= 0 || eq == w.length() - 1) {
        throw new Main.UsageError("--where takes KEY=VALUE[,VALUE...], got \"" + w + "\"");
      }
      String key = resolveKey(plan, w.substring(0, eq));
      Set<String> values = new LinkedHashSet<>();
      for (String v : w.substring(eq + 1).split(",")) {
        values.addAll(key.equals("seed") ? seedRange(v.strip()) : List.of(v.strip()));
      }
      wanted.merge(key, values, (a, b) -> {
        a.retainAll(b);
        return a;
      });
    }
    for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
      Set<String> known = known(plan, e.getKey());
      for (String v : e.getValue()) {
        if (!known.contains(v)) {
          throw new Main.UsageError("no " + e.getKey() + " \"" + v + "\" in " + plan.name()
              + Suggest.didYouMean(v, known) + "; " + e.getKey() + " values: " + String.join(", ", known));
        }
      }
    }
    Predicate<PlanRecord.PlannedTrial> p = t -> {
      for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
        if (!e.getValue().contains(value(plan, t, e.getKey()))) {
          return false;
        }
      }
      return true;
    };
    if (plan.trials().stream().noneMatch(p)) {
      throw new Main.UsageError("no trial of " + plan.name() + " matches " + label(wanted));
    }
    return new Chosen(p, label(wanted), slug(wanted));
  }

  /** A sweep key, its last segment, a factor, "variant" or "seed"; else a usage error with a suggestion. */
  private static String resolveKey(PlanRecord plan, String key) {
    if (key.equals("variant") || key.equals("seed") || plan.sweep().containsKey(key)) {
      return key;
    }
    List<String> matches = new ArrayList<>(plan.sweep().keySet().stream()
        .filter(k -> k.substring(k.lastIndexOf('.') + 1).equals(key)).toList());
    plan.factors().stream().filter(f -> f.name().equals(key)).forEach(f -> matches.add(f.name()));
    if (matches.size() == 1) {
      return matches.get(0);
    }
    List<String> known = new ArrayList<>(plan.sweep().keySet());
    plan.factors().forEach(f -> known.add(f.name()));
    known.add("variant");
    known.add("seed");
    throw new Main.UsageError("--where: " + (matches.size() > 1 ? "ambiguous key \"" + key + "\": " + matches
        : "no key \"" + key + "\" in " + plan.name() + Suggest.didYouMean(key, known)) + "; keys: "
        + String.join(", ", known));
  }

  private static List<String> seedRange(String v) {
    int dash = v.indexOf('-');
    if (dash > 0) {
      try {
        int a = Integer.parseInt(v.substring(0, dash));
        int b = Integer.parseInt(v.substring(dash + 1));
        List<String> out = new ArrayList<>();
        for (int i = a; i <= b; i++) {
          out.add(Integer.toString(i));
        }
        return out;
      } catch (NumberFormatException e) {
        // not a range: checked against the known seeds below
      }
    }
    return List.of(v);
  }

  private static String value(PlanRecord plan, PlanRecord.PlannedTrial t, String key) {
    return switch (key) {
      case "variant" -> t.variant();
      case "seed" -> Integer.toString(t.seedIndex());
      default -> {
        if (t.point().containsKey(key)) {
          yield ScalarText.text(t.point().get(key));
        }
        PlanRecord.Group g = plan.group(t.group());
        yield g == null ? null : g.factors().get(key); // a hand-written variant has no level
      }
    };
  }

  private static Set<String> known(PlanRecord plan, String key) {
    Set<String> out = new LinkedHashSet<>();
    plan.factors().stream().filter(f -> f.name().equals(key))
        .forEach(f -> f.levels().forEach(l -> out.add(l.name()))); // levels in spec order
    for (PlanRecord.PlannedTrial t : plan.trials()) {
      String v = value(plan, t, key);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static String label(Map<String, Set<String>> wanted) {
    List<String> parts = new ArrayList<>();
    wanted.forEach((k, v) -> parts.add(k + "=" + String.join(",", v)));
    return String.join(" ", parts);
  }

  /** A directory-name suffix: "variant-lstm_gru+seed-0". */
  private static String slug(Map<String, Set<String>> wanted) {
    List<String> parts = new ArrayList<>();
    wanted.forEach((k, v) -> parts.add((k.substring(k.lastIndexOf('.') + 1) + "-" + String.join("_", v))
        .replaceAll("[^A-Za-z0-9._-]", "_")));
    return String.join("+", parts);
  }
}
