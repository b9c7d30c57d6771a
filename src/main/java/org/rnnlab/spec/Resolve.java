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

/** How a spec tree unfolds into variants, sweep points and per-cell configs (pure functions). */
final class Resolve {
  /** The variant name of a spec without variants. */
  static final String BASE = "base";
  /** The sections of a run config, the first part of every sweep key. */
  static final List<String> SECTIONS = List.of("task", "model", "training", "evaluation");

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

  /** Sweep keys to their values in file order, for keys whose value is a non-empty array of scalars. */
  static LinkedHashMap<String, List<JsonNode>> sweep(JsonNode spec) {
    LinkedHashMap<String, List<JsonNode>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("sweep").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<JsonNode> values = new ArrayList<>();
      e.getValue().forEach(values::add);
      if (e.getValue().isArray() && !values.isEmpty()
          && values.stream().allMatch(v -> v.isValueNode() && !v.isNull())) {
        out.put(e.getKey(), values);
      }
    }
    return out;
  }

  /** The cartesian product of the sweep: first key slowest, values in array order; one empty point without a sweep. */
  static List<LinkedHashMap<String, JsonNode>> points(Map<String, List<JsonNode>> sweep) {
    List<LinkedHashMap<String, JsonNode>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<JsonNode>> e : sweep.entrySet()) {
      List<LinkedHashMap<String, JsonNode>> next = new ArrayList<>();
      for (LinkedHashMap<String, JsonNode> p : out) {
        for (JsonNode v : e.getValue()) {
          LinkedHashMap<String, JsonNode> q = new LinkedHashMap<>(p);
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

  /** The canonical text of a point, keys sorted: "task.seq_len=100,training.optimizer.lr=0.001"; "" if empty. */
  static String pointText(Map<String, JsonNode> point) {
    StringJoiner j = new StringJoiner(",");
    new TreeMap<>(point).forEach((k, v) -> j.add(k + "=" + Json.scalarText(v)));
    return j.toString();
  }

  /** Why {@code key} cannot be a sweep key, or null if its form is fine. */
  static String badSweepKey(String key, Iterable<String> keys) {
    String[] parts = key.split("\\.", -1);
    if (parts.length < 2 || !SECTIONS.contains(parts[0]) || List.of(parts).contains("")) {
      return "not a setting; sweep keys are dotted paths into task, model, training or evaluation, "
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
