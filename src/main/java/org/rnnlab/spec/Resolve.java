package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** How a spec tree unfolds into profiles, variants, sweep points and per-cell configs (pure functions). */
final class Resolve {
  /** The variant name of a spec without variants. */
  static final String BASE = "base";
  /** The sections of a run config, the first part of every sweep key. */
  static final List<String> SECTIONS = List.of("task", "model", "training", "evaluation");
  private static final Pattern NAME = Pattern.compile(SchemaGenerator.NAME_PATTERN);

  private Resolve() {}

  /** The base config: the spec's task, model, training and evaluation sections (those present). */
  static ObjectNode config(JsonNode spec) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String s : SECTIONS) {
      if (spec.has(s)) {
        out.set(s, spec.get(s).deepCopy());
      }
    }
    return out;
  }

  /** The spec without its profiles. */
  static ObjectNode withoutProfiles(JsonNode spec) {
    ObjectNode out = (ObjectNode) spec.deepCopy();
    out.remove("profiles");
    return out;
  }

  /** Whether the spec names its variants. */
  static boolean hasVariants(JsonNode spec) {
    return spec.path("variants").isObject();
  }

  /** Variant names to their overrides in file order (object overrides only); {"base": {}} without variants. */
  static LinkedHashMap<String, JsonNode> variants(JsonNode spec) {
    LinkedHashMap<String, JsonNode> out = new LinkedHashMap<>();
    if (!hasVariants(spec)) {
      out.put(BASE, JsonNodeFactory.instance.objectNode());
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.get("variants").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /**
   * The spec with {@code profile} merged in and "profiles" removed. The merge rule applies, except
   * that each key of the profile's "sweep" replaces that key's whole value (array or named points)
   * instead of merging into it, so a profile can cut named points as it cuts an array; sweep keys
   * the profile leaves out are kept.
   */
  static ObjectNode withProfile(JsonNode spec, JsonNode profile) {
    JsonNode merged = Json.merge(withoutProfiles(spec), profile);
    if (!(merged instanceof ObjectNode out)) {
      return withoutProfiles(spec); // not an object: the schema reports the profile
    }
    JsonNode baseSweep = spec.path("sweep");
    JsonNode profileSweep = profile.path("sweep");
    if (baseSweep.isObject() && profileSweep.isObject()) {
      ObjectNode sweep = (ObjectNode) baseSweep.deepCopy();
      profileSweep.fields().forEachRemaining(e -> sweep.set(e.getKey(), e.getValue().deepCopy()));
      out.set("sweep", sweep);
    }
    return out;
  }

  /**
   * Sweep keys to their values in file order: for an array of scalars, its values; for an object
   * of named points, those with a valid name and a non-null value, in file order. Keys of any
   * other form, or with no such values, are left out (the schema reports them).
   */
  static LinkedHashMap<String, List<SweepValue>> sweep(JsonNode spec) {
    LinkedHashMap<String, List<SweepValue>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("sweep").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<SweepValue> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(SweepValue.scalar(v)));
        if (!values.stream().allMatch(v -> v.value().isValueNode() && !v.value().isNull())) {
          continue;
        }
      } else if (e.getValue().isObject()) {
        e.getValue().fields().forEachRemaining(p -> {
          if (NAME.matcher(p.getKey()).matches() && !p.getValue().isNull()) {
            values.add(new SweepValue(p.getKey(), p.getValue()));
          }
        });
      }
      if (!values.isEmpty()) {
        out.put(e.getKey(), values);
      }
    }
    return out;
  }

  /** Whether {@code values} (one sweep key's) are named points. */
  static boolean named(List<SweepValue> values) {
    return !values.isEmpty() && values.get(0).named();
  }

  /** The values to put at each key of a point. */
  static LinkedHashMap<String, JsonNode> values(Map<String, SweepValue> point) {
    LinkedHashMap<String, JsonNode> out = new LinkedHashMap<>();
    point.forEach((k, v) -> out.put(k, v.value()));
    return out;
  }

  /** What identifies a point: each key's scalar, or its point's name as a string. */
  static LinkedHashMap<String, JsonNode> identities(Map<String, SweepValue> point) {
    LinkedHashMap<String, JsonNode> out = new LinkedHashMap<>();
    point.forEach((k, v) -> out.put(k, v.identity()));
    return out;
  }

  /** The cartesian product of the sweep: first key slowest, values in file order; one empty point without a sweep. */
  static <V> List<LinkedHashMap<String, V>> points(Map<String, List<V>> sweep) {
    List<LinkedHashMap<String, V>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<V>> e : sweep.entrySet()) {
      List<LinkedHashMap<String, V>> next = new ArrayList<>();
      for (LinkedHashMap<String, V> p : out) {
        for (V v : e.getValue()) {
          LinkedHashMap<String, V> q = new LinkedHashMap<>(p);
          q.put(e.getKey(), v);
          next.add(q);
        }
      }
      out = next;
    }
    return out;
  }

  /** A sweep point as an override object: {"task.seq_len": 100} to {"task": {"seq_len": 100}}. */
  static ObjectNode nest(Map<String, JsonNode> point) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : point.entrySet()) {
      String[] parts = e.getKey().split("\\.", -1);
      ObjectNode at = out;
      for (int i = 0; i < parts.length - 1; i++) {
        at = at.get(parts[i]) instanceof ObjectNode o ? o : at.putObject(parts[i]);
      }
      at.set(parts[parts.length - 1], e.getValue());
    }
    return out;
  }

  /** The config of one cell: base, then the variant's override, then the sweep point (same merge rule). */
  static JsonNode cellConfig(JsonNode baseConfig, JsonNode variantOverride, Map<String, JsonNode> point) {
    return Json.merge(Json.merge(baseConfig, variantOverride), nest(point));
  }

  /**
   * The canonical text of a point given by its identities ({@link #identities}), keys sorted:
   * "task.seq_len=100,training.optimizer.lr=0.001", or "task=adding_t50" for a named point; "" if empty.
   */
  static String pointText(Map<String, JsonNode> point) {
    StringJoiner j = new StringJoiner(",");
    new TreeMap<>(point).forEach((k, v) -> j.add(k + "=" + Json.scalarText(v)));
    return j.toString();
  }

  /** Why {@code key} cannot be a sweep key, or null if its form is fine. */
  static String badSweepKey(String key, Iterable<String> keys) {
    String[] parts = key.split("\\.", -1);
    if (!SECTIONS.contains(parts[0]) || List.of(parts).contains("")) {
      return "not a setting; sweep keys are task, model, training, evaluation or dotted paths into them, "
          + "e.g. training.optimizer.lr";
    }
    for (String other : keys) {
      if (!other.equals(key) && key.startsWith(other + ".")) {
        return "overlaps sweep key " + other;
      }
    }
    return null;
  }
}
