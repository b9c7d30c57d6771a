package org.rnnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.rnnlab.results.ResultsJson;

/**
 * A sweep point, e.g. {@code {"task.seq_len": "100"}}. Values are kept as canonical text so
 * that {@code 100}, {@code 100.0} and {@code 1e2} in different files denote the same point.
 */
public record Point(Map<String, String> values) {
  static final Point EMPTY = new Point(Map.of());

  public Point {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Reads a JSON object of sweep keys to scalar values; null or missing is the empty point. */
  static Point of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return EMPTY;
    }
    Map<String, String> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      values.put(e.getKey(), canonical(e.getValue()));
    }
    return new Point(values);
  }

  /** A point of sweep keys to plain Java values (as results records hold them). */
  static Point ofValues(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, canonicalValue(v)));
    return new Point(out);
  }

  /** The canonical text of a plain Java value (number, string, boolean). */
  static String canonicalValue(Object v) {
    return canonical(ResultsJson.mapper().valueToTree(v));
  }

  /** The canonical text of a scalar JSON value. */
  static String canonical(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        return Num.csv(d);
      }
      // valueOf (shortest repr) keeps 0.001 as "0.001" instead of its binary expansion.
      BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
      return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    return v.toString(); // a list or object as a sweep value: compare by its JSON text
  }

  /** The value of {@code key} as a number, or NaN if absent or not numeric. */
  double number(String key) {
    String s = values.get(key);
    if (s == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** True if every entry of {@code where} is present in this point with the same value. */
  boolean matches(Point where) {
    for (Map.Entry<String, String> e : where.values.entrySet()) {
      if (!e.getValue().equals(values.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** This point without {@code key}. */
  Point without(String key) {
    Map<String, String> rest = new LinkedHashMap<>(values);
    rest.remove(key);
    return new Point(rest);
  }

  /** "task.seq_len=100, model.hidden=64"; "" for the empty point. */
  String label() {
    StringJoiner j = new StringJoiner(", ");
    values.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** Whether the point has no coordinates (experiments without a sweep). */
  boolean isEmpty() {
    return values.isEmpty();
  }
}
