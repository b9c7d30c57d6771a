package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One value of a sweep key: a scalar from an array ({@code "task.seq_len": [50, 100]}), or a
 * named point from an object ({@code "task": {"adding_t50": {"type": "adding", "seq_len": 50}}}).
 *
 * @param name  the point's name, or null for a scalar value
 * @param value what is put at the sweep key (merged with the spec merge rule)
 */
record SweepValue(String name, JsonNode value) {
  /** A value of the array form. */
  static SweepValue scalar(JsonNode value) {
    return new SweepValue(null, value);
  }

  /** Whether this is a named point. */
  boolean named() {
    return name != null;
  }

  /**
   * What identifies the value in ids, groups, seeds, plans and claims: the scalar itself, or
   * the name as a JSON string.
   */
  JsonNode identity() {
    return name == null ? value : TextNode.valueOf(name);
  }

  /** The identity as text: the canonical scalar ({@code 100} for 1e2) or the name. */
  String label() {
    return Json.scalarText(identity());
  }
}
