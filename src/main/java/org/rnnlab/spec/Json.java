package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Small pure helpers on JSON trees: merge rule, canonical forms, JSON Pointers. */
final class Json {
  private Json() {}

  /**
   * The spec merge rule: objects merge key by key; arrays and scalars replace; an override
   * object whose "type" differs from the base object's (or that has a "type" the base lacks)
   * replaces the base object instead of merging into it. Neither argument is modified.
   */
  static JsonNode merge(JsonNode base, JsonNode override) {
    if (!(base instanceof ObjectNode b) || !(override instanceof ObjectNode o)) {
      return override.deepCopy();
    }
    if (o.has("type") && !o.get("type").equals(b.get("type"))) {
      return o.deepCopy();
    }
    ObjectNode out = b.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode old = out.get(e.getKey());
      out.set(e.getKey(), old == null ? e.getValue().deepCopy() : merge(old, e.getValue()));
    }
    return out;
  }

  /** A copy of {@code node} with the keys of every object sorted. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String k : keys) {
        out.set(k, sorted(node.get(k)));
      }
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }

  /**
   * The canonical text of a scalar, so that 100, 100.0 and 1e2 read the same: integral numbers
   * as integers, other numbers as their shortest plain decimal, strings as themselves.
   */
  static String scalarText(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isNumber()) {
      return ScalarText.decimal(v.doubleValue());
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** A value for messages: its JSON text, shortened if long. */
  static String show(JsonNode v) {
    String s = v == null ? "nothing" : v.toString();
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** One JSON Pointer reference token ({@code ~} and {@code /} escaped). */
  static String token(String key) {
    return "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The JSON Pointer of a dotted key: {@code training.optimizer.lr} to {@code /training/optimizer/lr}. */
  static String pointerOf(String dottedKey) {
    StringBuilder sb = new StringBuilder();
    for (String part : dottedKey.split("\\.", -1)) {
      sb.append(token(part));
    }
    return sb.toString();
  }

  /** Orders JSON Pointers segment by segment, array indices numerically. */
  static int comparePointers(String a, String b) {
    String[] x = a.split("/", -1);
    String[] y = b.split("/", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d+") && y[i].matches("\\d+")
          ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]))
          : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
