package org.rnnlab.results;

import java.util.regex.Pattern;

/**
 * A measurement name a trial records, or a family of them: {@code flow.h.l0} is one name,
 * {@code clip.threshold.<name>} every name with that prefix (the clipping rule's thresholds are named
 * at run time). What a procedure declares and what the planner checks a chart's or claim's names against.
 *
 * @param text    the name, or the family written with its placeholder in angle brackets
 * @param pattern what a concrete name of it must match in full
 */
public record MeasureName(String text, Pattern pattern) {
  /** Exactly {@code name}. */
  public static MeasureName exact(String name) {
    return new MeasureName(name, Pattern.compile(Pattern.quote(name)));
  }

  /** Every non-empty name after {@code prefix}, shown as {@code prefix<placeholder>}. */
  public static MeasureName family(String prefix, String placeholder) {
    return new MeasureName(prefix + "<" + placeholder + ">", Pattern.compile(Pattern.quote(prefix) + ".+"));
  }

  /** Whether {@code name} is this name or a member of this family. */
  public boolean matches(String name) {
    return pattern.matcher(name).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
