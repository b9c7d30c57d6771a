package org.rnnlab.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text a trial produced at an update, e.g. a sample of a language model after 1% of training
 * (an element of texts.json). {@code values} are the numbers that say how it was made or what it
 * scored (temperature, beam width, log-probability), in the order recorded.
 */
public record TextRow(String name, long step, Map<String, Double> values, String text) {
  public TextRow {
    if (name == null || name.isEmpty() || text == null) {
      throw new IllegalArgumentException("a text row needs a name and a text");
    }
    values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value {@code key}, NaN if absent. */
  public double value(String key) {
    Double v = values.get(key);
    return v == null ? Double.NaN : v;
  }
}
