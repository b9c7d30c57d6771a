package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a profile changes, in one sentence generated from the profile as written, so that a profile's
 * report says what it scaled down rather than repeating the full run's description.
 */
final class ProfileSummary {
  /** Longest value shown; a longer one is cut with "…" (the spec has it whole). */
  private static final int MAX_VALUE = 60;

  private ProfileSummary() {}

  /**
   * "Profile ci changes the full run: seeds 2, training.steps 1500, sweep task: [adding_t50], and has its own
   * claims." The profile's description, if any, is left to the caller.
   */
  static String of(String name, JsonNode profile) {
    List<String> changes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "description", "claims" -> { } // said below, or the description itself
        case "sweep" -> e.getValue().fields().forEachRemaining(k -> changes.add("sweep " + k.getKey() + ": "
            + (k.getValue().isObject() ? "[" + String.join(", ", names(k.getValue())) + "]" : shown(k.getValue()))));
        default -> flatten(e.getKey(), e.getValue(), changes);
      }
    }
    String sentence = "Profile " + name + " changes the full run: " + (changes.isEmpty() ? "nothing of its settings"
        : String.join(", ", changes));
    return sentence + (profile.has("claims") ? ", and has its own claims." : ".");
  }

  private static List<String> names(JsonNode points) {
    List<String> out = new ArrayList<>();
    points.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static void flatten(String path, JsonNode v, List<String> out) {
    if (v.isObject() && v.size() > 0) {
      v.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), out));
    } else {
      out.add(path + " " + shown(v));
    }
  }

  private static String shown(JsonNode v) {
    if (v.isArray() && v.size() > 0 && v.get(0).isContainerNode()) {
      return "(" + v.size() + " entr" + (v.size() == 1 ? "y" : "ies") + ")"; // charts, exclusions: too long to list
    }
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 1) + "…";
  }
}
