package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The "factors" block of a spec: named factors whose levels are partial overrides, crossed into
 * generated variants (pure functions). The schema checks the block's form first, so parts of the
 * wrong form are skipped here; what a schema cannot say (unknown levels, names, conflicts) is reported.
 *
 * <p>A generated variant is named by its levels' tags (a level's key unless it says otherwise, ""
 * for none) joined with "_" in cross order; its override is the union of its levels' overrides and
 * of the interactions that match it, which must not set one setting differently, and it is merged into
 * the base config like a hand-written variant's. Variants come in
 * {@code run_order} (default: cross order), the first factor changing slowest, as in a sweep.
 */
final class Factors {
  private static final Pattern NAME = Pattern.compile(SchemaGenerator.NAME_PATTERN);
  private static final Expansion NONE = new Expansion(List.of(), List.of(), List.of());

  private Factors() {}

  /** One generated variant: its name, its level of each factor (cross order) and its override. */
  record Generated(String name, Map<String, String> levels, ObjectNode override) {
    Generated {
      levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }
  }

  /** The factors with their display names, the variants they generate in run order, and the problems found. */
  record Expansion(List<Factor> factors, List<Generated> variants, List<Problem> problems) {
    Expansion {
      factors = List.copyOf(factors);
      variants = List.copyOf(variants);
      problems = List.copyOf(problems);
    }
  }

  /** A combination filter of exclude, only or an interaction: factor to the levels it matches. */
  private record Selection(Map<String, Set<String>> levels) {
    boolean matches(Map<String, String> combination) {
      return levels.entrySet().stream().allMatch(e -> e.getValue().contains(combination.get(e.getKey())));
    }
  }

  /** A partial override and where it is written (a JSON Pointer into the spec). */
  private record Source(String pointer, JsonNode override) {}

  /** Whether {@code spec} has a factors block. */
  static boolean present(JsonNode spec) {
    return spec.path("factors").isObject();
  }

  /** The expansion of the spec's factors block; empty without one. */
  static Expansion expand(JsonNode spec) {
    JsonNode block = spec.path("factors");
    if (!block.isObject()) {
      return NONE;
    }
    List<Problem> problems = new ArrayList<>();
    LinkedHashMap<String, LinkedHashMap<String, JsonNode>> cross = cross(block.path("cross"));
    cross.values().removeIf(Map::isEmpty); // a factor without levels: the schema says so
    if (cross.isEmpty()) {
      return NONE;
    }
    double combinations = 1;
    for (Map<String, JsonNode> levels : cross.values()) {
      combinations *= levels.size();
    }
    if (combinations > SpecValidator.MAX_TRIALS) { // checked before anything is enumerated, as the plan's size
      return new Expansion(List.of(), List.of(), List.of(new Problem("/factors/cross", String.format(
          java.util.Locale.ROOT, "crosses %.0f combinations (%s levels); the limit is %d", combinations,
          String.join(" x ", cross.values().stream().map(l -> Integer.toString(l.size())).toList()),
          SpecValidator.MAX_TRIALS))));
    }
    List<Factor> factors = new ArrayList<>();
    cross.forEach((f, levels) -> {
      List<Factor.Level> ls = new ArrayList<>();
      levels.forEach((l, node) -> ls.add(new Factor.Level(l,
          node.path("label").isTextual() ? node.get("label").asText() : l)));
      factors.add(new Factor(f, ls));
    });

    List<String> runOrder = runOrder(block.path("run_order"), cross, problems);
    List<Selection> exclude = selections(block.path("exclude"), "/factors/exclude", cross, problems);
    List<Selection> only = selections(block.path("only"), "/factors/only", cross, problems);
    List<Selection> where = new ArrayList<>();
    List<Source> interactions = new ArrayList<>();
    JsonNode raw = block.path("interactions");
    for (int i = 0; i < raw.size(); i++) {
      String at = "/factors/interactions/" + i;
      Selection s = selection(raw.get(i).path("where"), at + "/where", cross, problems);
      if (s != null && raw.get(i).path("override").isObject()) {
        where.add(s);
        interactions.add(new Source(at + "/override", raw.get(i).get("override")));
      }
    }

    LinkedHashMap<String, List<String>> axes = new LinkedHashMap<>();
    runOrder.forEach(f -> axes.put(f, new ArrayList<>(cross.get(f).keySet())));
    List<Map<String, String>> kept = new ArrayList<>();
    for (LinkedHashMap<String, String> point : Resolve.points(axes)) {
      Map<String, String> combination = new LinkedHashMap<>();
      cross.keySet().forEach(f -> combination.put(f, point.get(f)));
      if ((only.isEmpty() || only.stream().anyMatch(s -> s.matches(combination)))
          && exclude.stream().noneMatch(s -> s.matches(combination))) {
        kept.add(combination);
      }
    }
    if (kept.isEmpty()) {
      problems.add(new Problem("/factors", "exclude and only leave no combination of "
          + String.join(" x ", cross.keySet()) + "; nothing would run"));
      return new Expansion(factors, List.of(), problems);
    }
    for (int i = 0; i < where.size(); i++) {
      Selection s = where.get(i);
      if (kept.stream().noneMatch(s::matches)) {
        problems.add(new Problem(interactions.get(i).pointer().replace("/override", "/where"),
            "matches no combination that exclude and only leave"));
      }
    }

    Set<String> handWritten = new HashSet<>();
    spec.path("variants").fieldNames().forEachRemaining(handWritten::add);
    Map<String, Map<String, String>> named = new LinkedHashMap<>();
    Set<String> reported = new HashSet<>();
    List<Generated> out = new ArrayList<>();
    for (Map<String, String> combination : kept) {
      String name = name(combination, cross);
      String which = describe(combination);
      if (name.isEmpty() || !NAME.matcher(name).matches()) {
        problems.add(new Problem("/factors", "the combination " + which + " gives the variant name \"" + name
            + "\" (its levels' tags joined with _); every variant needs a name of [a-z0-9_-]+; give a level of it a tag"));
        continue;
      }
      if (handWritten.contains(name)) {
        problems.add(new Problem("/factors", "the combination " + which + " gives the variant name \"" + name
            + "\", which /variants" + Json.token(name) + " already names; rename one (a profile changes a "
            + "generated variant through its levels, not through variants)"));
        continue;
      }
      Map<String, String> before = named.putIfAbsent(name, combination);
      if (before != null) {
        problems.add(new Problem("/factors", "the combinations " + describe(before) + " and " + which
            + " both give the variant name \"" + name + "\"; give their levels tags that differ"));
        continue;
      }
      List<Source> sources = new ArrayList<>();
      combination.forEach((f, l) -> {
        JsonNode o = cross.get(f).get(l).path("override");
        if (o.isObject()) {
          sources.add(new Source("/factors/cross" + Json.token(f) + Json.token(l) + "/override", o));
        }
      });
      for (int i = 0; i < where.size(); i++) {
        if (where.get(i).matches(combination)) {
          sources.add(interactions.get(i));
        }
      }
      ObjectNode override = compose(sources, name, which, reported, problems);
      if (override != null) {
        out.add(new Generated(name, combination, override));
      }
    }
    return new Expansion(factors, out, problems);
  }

  /** Factors to their levels (name to level object), those of the right form, in file order. */
  private static LinkedHashMap<String, LinkedHashMap<String, JsonNode>> cross(JsonNode node) {
    LinkedHashMap<String, LinkedHashMap<String, JsonNode>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!NAME.matcher(f.getKey()).matches() || !f.getValue().isObject()) {
        continue;
      }
      LinkedHashMap<String, JsonNode> levels = new LinkedHashMap<>();
      f.getValue().fields().forEachRemaining(l -> {
        if (NAME.matcher(l.getKey()).matches() && l.getValue().isObject()) {
          levels.put(l.getKey(), l.getValue());
        }
      });
      out.put(f.getKey(), levels);
    }
    return out;
  }

  /** The factors from slowest to fastest: run_order if it names each factor once, else cross order. */
  private static List<String> runOrder(JsonNode node, Map<String, ?> cross, List<Problem> problems) {
    List<String> factors = new ArrayList<>(cross.keySet());
    if (!node.isArray()) {
      return factors;
    }
    List<String> given = new ArrayList<>();
    node.forEach(n -> given.add(n.asText()));
    if (given.size() != factors.size() || !new HashSet<>(given).equals(new HashSet<>(factors))) {
      problems.add(new Problem("/factors/run_order", "lists " + given + "; it must name each factor of cross once: "
          + factors));
      return factors;
    }
    return given;
  }

  private static List<Selection> selections(JsonNode node, String at, Map<String, LinkedHashMap<String, JsonNode>> cross,
                                            List<Problem> problems) {
    List<Selection> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      Selection s = selection(node.get(i), at + "/" + i, cross, problems);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** A selection ({"order": "perm", "batch": ["b4", "b64"]}) checked against the factors, or null if it is not valid. */
  private static Selection selection(JsonNode node, String at, Map<String, LinkedHashMap<String, JsonNode>> cross,
                                     List<Problem> problems) {
    if (!node.isObject() || node.isEmpty()) {
      return null; // the schema says so
    }
    boolean ok = true;
    Map<String, Set<String>> levels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String fat = at + Json.token(e.getKey());
      Map<String, JsonNode> known = cross.get(e.getKey());
      if (known == null) {
        problems.add(new Problem(fat, "not a factor; factors: " + cross.keySet()));
        ok = false;
        continue;
      }
      List<JsonNode> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(values::add);
      } else {
        values.add(e.getValue());
      }
      Set<String> set = new LinkedHashSet<>();
      for (int i = 0; i < values.size(); i++) {
        JsonNode v = values.get(i);
        if (!v.isTextual()) {
          ok = false; // the schema says so
        } else if (!known.containsKey(v.asText())) {
          problems.add(new Problem(e.getValue().isArray() ? fat + "/" + i : fat, Json.show(v) + " is not a level of "
              + e.getKey() + "; levels: " + known.keySet()));
          ok = false;
        } else {
          set.add(v.asText());
        }
      }
      levels.put(e.getKey(), set);
    }
    return ok && !levels.isEmpty() ? new Selection(levels) : null;
  }

  /** The variant name of a combination: its levels' tags, those not empty, joined with "_" in cross order. */
  private static String name(Map<String, String> combination, Map<String, LinkedHashMap<String, JsonNode>> cross) {
    StringJoiner j = new StringJoiner("_");
    combination.forEach((f, l) -> {
      JsonNode tag = cross.get(f).get(l).path("tag");
      String t = tag.isTextual() ? tag.asText() : l;
      if (!t.isEmpty()) {
        j.add(t);
      }
    });
    return j.toString();
  }

  /** "model=bn_lstm, order=perm" */
  private static String describe(Map<String, String> combination) {
    StringJoiner j = new StringJoiner(", ");
    combination.forEach((f, l) -> j.add(f + "=" + l));
    return j.toString();
  }

  /**
   * The union of the overrides (see {@link #union}); null (and a problem, once per pair of places)
   * if two of them set one setting differently. Without such a conflict their order does not matter.
   */
  private static ObjectNode compose(List<Source> sources, String name, String which, Set<String> reported,
                                    List<Problem> problems) {
    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    boolean ok = true;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Source s : sources) {
      Map<String, JsonNode> mine = new LinkedHashMap<>();
      leaves(s.override(), "", mine);
      for (Map.Entry<String, JsonNode> e : mine.entrySet()) {
        String p = e.getKey();
        for (Map.Entry<String, JsonNode> o : leaves.entrySet()) {
          String q = o.getKey();
          boolean clash = p.equals(q) ? !same(e.getValue(), o.getValue())
              : p.startsWith(q + "/") || q.startsWith(p + "/");
          if (clash) {
            ok = false;
            String first = from.get(q) + q;
            if (reported.add(first + " " + s.pointer() + p)) {
              problems.add(new Problem(s.pointer() + p, "sets " + Json.show(e.getValue()) + " where "
                  + first + " sets " + Json.show(o.getValue()) + ", both in variant " + name + " (" + which
                  + "); the levels and interactions of one variant must not set one setting differently"));
            }
          }
        }
      }
      mine.forEach((p, v) -> {
        leaves.putIfAbsent(p, v);
        from.putIfAbsent(p, s.pointer());
      });
      union(out, s.override());
    }
    return ok ? out : null;
  }

  /**
   * Adds the settings of {@code override} to {@code into}, key by key at every depth. Unlike the merge
   * rule, a "type" here does not replace an object: the overrides are one variant's written in parts
   * (a cell level's type and a norm level's norm make one cell), and they do not conflict.
   */
  private static void union(ObjectNode into, JsonNode override) {
    override.fields().forEachRemaining(e -> {
      JsonNode old = into.get(e.getKey());
      if (old instanceof ObjectNode o && e.getValue().isObject()) {
        union(o, e.getValue());
      } else if (old == null) {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }

  /** The settings an override sets: JSON Pointer to value, descending into objects. */
  private static void leaves(JsonNode n, String at, Map<String, JsonNode> out) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> leaves(e.getValue(), at + Json.token(e.getKey()), out));
    } else {
      out.put(at, n);
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    return a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0);
  }
}
