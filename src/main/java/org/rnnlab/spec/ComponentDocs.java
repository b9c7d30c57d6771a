package org.rnnlab.spec;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;

/**
 * Markdown tables of a registry's keys, generated from the {@link Hyper} docs of its records like the
 * schema is, so that docs/spec-format.md describes each key once, where it is declared (a test keeps the
 * committed table current).
 */
public final class ComponentDocs {
  private ComponentDocs() {}

  /** One row per key of every registered type: type, key, default ("required" / "absent" when none), meaning. */
  public static String keysTable(Registry<?> registry) {
    StringBuilder out = new StringBuilder("| `type` | key | default | meaning |\n|---|---|---|---|\n");
    for (Map.Entry<String, ? extends Class<?>> e : registry.types().entrySet()) {
      Class<?> cls = e.getValue();
      RecordComponent[] keys = cls.isRecord() ? cls.getRecordComponents() : new RecordComponent[0];
      if (keys.length == 0) {
        out.append("| `").append(e.getKey()).append("` | (none) | | |\n");
      }
      for (RecordComponent rc : keys) {
        Hyper h = rc.getAnnotation(Hyper.class);
        String byDefault = h == null || h.defaultValue().isEmpty()
            ? rc.isAnnotationPresent(OptionalKey.class) ? "absent" : "required"
            : "`" + h.defaultValue() + "`";
        out.append("| `").append(e.getKey()).append("` | `").append(SchemaGenerator.key(rc)).append("` | ")
            .append(cell(byDefault)).append(" | ").append(cell(h == null ? "" : h.doc())).append(" |\n");
      }
    }
    return out.toString();
  }

  /** Text safe in a Markdown table cell: pipes escaped, no line breaks. */
  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** Prints the chart keys table (to paste into docs/spec-format.md). */
  public static void main(String[] args) {
    System.out.print(keysTable(Registries.CHARTS));
  }
}
