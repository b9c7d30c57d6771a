package org.rnnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns json-schema-validator messages into {@link Problem}s worded for spec authors. */
final class SchemaMessages {
  /** Keys of a bptt training section that became callbacks (issue 18), with the form that replaces them. */
  private static final Map<String, String> MOVED = Map.of(
      "report_success", "write \"callbacks\": {\"success_report\": {}}",
      "diagnostics", "write \"callbacks\": {\"diagnostics\": {...}} (its clipping and clip_trace keys: "
          + "\"clip_statistics\": {\"trace\": ...})",
      "pretrain_readout", "write \"callbacks\": {\"pretrain_readout\": {...}}",
      "bn_statistics_batches", "write \"callbacks\": {\"bn_statistics\": {\"batches\": N}}");

  private SchemaMessages() {}

  /** The problem behind {@code m}; {@code schema} is the document that was validated against. */
  static Problem translate(ValidationMessage m, JsonNode schema) {
    String at = m.getInstanceLocation().toString();
    JsonNode value = m.getInstanceNode();
    JsonNode keyword = schema.at(schemaPointer(m));
    JsonNode owner = schema.at(parentOf(schemaPointer(m)));
    String prop = m.getProperty();
    return switch (m.getType()) {
      case "required" -> new Problem(at + Json.token(prop), "required key is missing");
      case "additionalProperties" -> MOVED.containsKey(prop) && at.endsWith("/training")
          ? new Problem(at + Json.token(prop), "this key moved: " + MOVED.get(prop))
          : new Problem(at + Json.token(prop), "unknown key; allowed: " + names(owner.path("properties")));
      case "propertyNames" -> new Problem(at + Json.token(prop),
          "invalid name; names must match " + keyword.path("pattern").asText().replaceAll("^\\^|\\$$", ""));
      case "enum" -> new Problem(at, Json.show(value) + " is not one of " + list(keyword));
      case "const" -> new Problem(at, Json.show(value) + " is not " + Json.show(keyword));
      case "type" -> new Problem(at, Json.show(value) + " is not " + types(keyword));
      case "minimum" -> new Problem(at, Json.show(value) + " must be >= " + keyword);
      case "exclusiveMinimum" -> new Problem(at, Json.show(value) + " must be > " + keyword);
      case "maximum" -> new Problem(at, Json.show(value) + " must be <= " + keyword);
      case "exclusiveMaximum" -> new Problem(at, Json.show(value) + " must be < " + keyword);
      case "minItems", "minProperties", "minLength" -> new Problem(at, keyword.asInt() == 1
          ? "must not be empty" : "must have at least " + keyword + " " + m.getType().substring(3).toLowerCase());
      default -> new Problem(at, m.getMessage().replaceFirst("^\\S*: ", ""));
    };
  }

  private static String schemaPointer(ValidationMessage m) {
    String loc = m.getSchemaLocation().toString();
    int hash = loc.indexOf('#');
    return hash < 0 ? "" : loc.substring(hash + 1);
  }

  private static String parentOf(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? "" : pointer.substring(0, slash);
  }

  private static String names(JsonNode properties) {
    TreeSet<String> keys = new TreeSet<>();
    properties.fieldNames().forEachRemaining(keys::add);
    return keys.toString();
  }

  private static String list(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
    return out.toString();
  }

  private static String types(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> names.add(t.asText()));
    } else {
      names.add(type.asText());
    }
    String first = names.get(0);
    String article = first.matches("[aeiou].*") ? "an " : "a ";
    if (names.size() == 1) {
      return article + first;
    }
    return article + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
