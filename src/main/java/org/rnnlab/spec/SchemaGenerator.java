package org.rnnlab.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Component;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.procedure.TrialConfig;

/**
 * Generates the JSON Schema (draft 2020-12) of spec files from the registries and the
 * {@link Hyper} annotations of their records. The committed copy, experiments/schema.json,
 * gives editors completion; {@link SpecValidator} validates specs against the same schema.
 * Regenerate with {@code ./rnnlab schema > experiments/schema.json} (or {@link #main}).
 */
public final class SchemaGenerator {
  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  static final String NAME_PATTERN = "^[a-z0-9_-]+$";
  private static final List<String> REQUIRED = List.of("description", "task", "model", "training",
      "evaluation", "seeds", "root_seed", "report");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private final Catalog catalog;
  private final ObjectNode defs = F.objectNode();

  private SchemaGenerator(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The schema of the standard catalog as pretty JSON text (2-space indent, trailing newline). */
  public static String generate() {
    return generate(Catalog.standard());
  }

  /** The schema of {@code catalog} as pretty JSON text (2-space indent, trailing newline). */
  public static String generate(Catalog catalog) {
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""))
        .withObjectIndenter(indent)
        .withArrayIndenter(indent);
    try {
      return new ObjectMapper().writer(pp).writeValueAsString(schema(catalog)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The schema of {@code catalog} as a tree. */
  public static ObjectNode schema(Catalog catalog) {
    return new SchemaGenerator(catalog).build();
  }

  /** Prints the standard schema, or writes it to the file named by the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length == 1) {
      Files.writeString(Path.of(args[0]), generate(), StandardCharsets.UTF_8);
    } else {
      System.out.print(generate());
    }
  }

  private ObjectNode build() {
    for (Registry<?> r : catalog.registries()) {
      defs.set(r.kind(), registryDef(r));
    }
    recordRef(TrialConfig.class);
    ObjectNode spec = object(specProperties(), REQUIRED);
    spec.put("description", "A spec without profiles: what a profile overrides.");
    defs.set("spec", spec);

    ObjectNode root = F.objectNode();
    root.put("$schema", DIALECT);
    root.put("title", "rnnlab experiment spec");
    root.put("description", "One experiment: a base config, variants, a sweep, seeds, report and claims. "
        + "See docs/spec-format.md.");
    ObjectNode props = F.objectNode();
    props.set("$schema", F.objectNode().put("type", "string")
        .put("description", "Path or URL of this schema, for editors; ignored by rnnlab."));
    props.setAll(specProperties());
    ObjectNode profiles = F.objectNode().put("type", "object");
    profiles.set("propertyNames", F.objectNode().put("pattern", NAME_PATTERN));
    profiles.set("additionalProperties", ref(partial("spec")));
    profiles.put("description", "Named partial overrides of this whole spec (not of profiles), chosen with "
        + "--profile, e.g. a short \"ci\" run. Merged like variants.");
    props.set("profiles", profiles);
    root.setAll(object(props, REQUIRED));
    root.set("$defs", defs);
    return root;
  }

  private ObjectNode specProperties() {
    ObjectNode p = F.objectNode();
    p.set("description", F.objectNode().put("type", "string").put("minLength", 1)
        .put("description", "What is compared and why."));
    for (RecordComponent rc : TrialConfig.class.getRecordComponents()) {
      p.set(key(rc), property(rc));
    }
    p.set("seeds", F.objectNode().put("type", "integer").put("minimum", 1)
        .put("description", "Seeds (independent runs) per variant and sweep point."));
    p.set("root_seed", F.objectNode().put("type", "integer").put("minimum", Long.MIN_VALUE)
        .put("maximum", Long.MAX_VALUE)
        .put("description", "Root of every cell's seed; a cell's seed depends only on it, the variant, "
            + "the sweep point and the seed index."));
    ObjectNode variants = F.objectNode().put("type", "object").put("minProperties", 1);
    variants.set("propertyNames", F.objectNode().put("pattern", NAME_PATTERN));
    variants.set("additionalProperties", ref(partial(recordDefName(TrialConfig.class))));
    variants.put("description", "Named partial overrides of the base config (task, model, training, "
        + "evaluation), in run order; absent: one variant, \"base\".");
    p.set("variants", variants);
    p.set("factors", factors());
    // Either form of a key's values, in one schema: array keywords only apply to arrays and
    // object keywords only to objects, so there is no anyOf whose failures would need untangling.
    ObjectNode values = F.objectNode();
    values.putArray("type").add("array").add("object");
    values.put("minItems", 1);
    values.set("items", scalar());
    values.put("minProperties", 1);
    values.set("propertyNames", F.objectNode().put("pattern", NAME_PATTERN));
    ObjectNode named = F.objectNode();
    named.putArray("type").add("object").add("array").add("string").add("number").add("boolean");
    named.put("description", "What this named point puts at the sweep key, merged like a variant.");
    values.set("additionalProperties", named);
    values.put("description", "An array of scalar values, or an object of named points: name to the JSON value "
        + "put at the key (e.g. a whole component).");
    ObjectNode sweep = F.objectNode().put("type", "object");
    sweep.set("additionalProperties", values);
    sweep.put("description", "Keys into the config (a section such as \"task\", or a dotted path such as "
        + "\"task.seq_len\" or \"training.optimizer.lr\") to the values to run: an array of scalars, or an "
        + "object of named points, each merged at the key like a variant; every variant runs at every "
        + "combination.");
    p.set("sweep", sweep);
    p.set("report", ref(recordRef(ReportSpec.class)).put("description", "How results are reported."));
    ObjectNode claims = F.objectNode().put("type", "array");
    claims.set("items", ref(recordRef(Claim.class)));
    claims.put("description", "Statements the results should support, checked by the report.");
    p.set("claims", claims);
    return p;
  }

  /** The "factors" block: factors crossed into generated variants (see {@link Factors}). */
  private ObjectNode factors() {
    ObjectNode levelProps = F.objectNode();
    levelProps.set("label", F.objectNode().put("type", "string").put("minLength", 1)
        .put("description", "The level's display name in reports; absent: its key."));
    levelProps.set("tag", F.objectNode().put("type", "string").put("pattern", "^[a-z0-9_-]*$")
        .put("description", "The level's part of generated variant names; absent: its key; \"\" adds nothing "
            + "(e.g. for a default level)."));
    levelProps.set("override", ref(partial(recordDefName(TrialConfig.class)))
        .put("description", "What the level changes in the base config (a partial override, as a variant)."));
    ObjectNode level = object(levelProps, List.of());
    level.put("description", "One level of a factor: its display name, name tag and override.");
    ObjectNode factor = F.objectNode().put("type", "object").put("minProperties", 1);
    factor.set("propertyNames", F.objectNode().put("pattern", NAME_PATTERN));
    factor.set("additionalProperties", level);
    factor.put("description", "The factor's levels, by name, in order.");
    ObjectNode cross = F.objectNode().put("type", "object").put("minProperties", 1);
    cross.set("propertyNames", F.objectNode().put("pattern", NAME_PATTERN));
    cross.set("additionalProperties", factor);
    cross.put("description", "Factors by name to their levels; every combination of one level per factor is a "
        + "variant, named by the levels' tags joined with _ in this order.");

    ObjectNode levels = F.objectNode();
    levels.putArray("type").add("string").add("array");
    levels.put("minItems", 1);
    levels.set("items", F.objectNode().put("type", "string"));
    ObjectNode selection = F.objectNode().put("type", "object").put("minProperties", 1);
    selection.set("propertyNames", F.objectNode().put("pattern", NAME_PATTERN));
    selection.set("additionalProperties", levels);
    selection.put("description", "Combinations by factor: factor to a level or an array of levels; a combination "
        + "matches if it has one of the given levels of every factor named.");
    ObjectNode exclude = F.objectNode().put("type", "array");
    exclude.set("items", selection.deepCopy());
    exclude.put("description", "Combinations left out: those matching any of these.");
    ObjectNode only = F.objectNode().put("type", "array").put("minItems", 1);
    only.set("items", selection.deepCopy());
    only.put("description", "If given, only the combinations matching one of these run (then exclude applies).");
    ObjectNode interactionProps = F.objectNode();
    interactionProps.set("where", selection.deepCopy());
    interactionProps.set("override", ref(partial(recordDefName(TrialConfig.class)))
        .put("description", "Added to the override of every combination that matches."));
    ObjectNode interaction = object(interactionProps, List.of("where", "override"));
    interaction.put("description", "A setting of some combinations only (e.g. the statistics batches of the "
        + "BN-LSTM at batch 4).");
    ObjectNode interactions = F.objectNode().put("type", "array");
    interactions.set("items", interaction);
    interactions.put("description", "Overrides of combinations; with the levels' they must not set one setting "
        + "differently.");
    ObjectNode runOrder = F.objectNode().put("type", "array");
    runOrder.set("items", F.objectNode().put("type", "string").put("pattern", NAME_PATTERN));
    runOrder.put("description", "The factors from slowest to fastest changing in the run order of the generated "
        + "variants; absent: cross order (the first slowest, as in a sweep).");

    ObjectNode props = F.objectNode();
    props.set("cross", cross);
    props.set("exclude", exclude);
    props.set("only", only);
    props.set("interactions", interactions);
    props.set("run_order", runOrder);
    ObjectNode out = object(props, List.of("cross"));
    out.put("description", "Variants generated by crossing named factors, run after the hand-written variants. "
        + "See docs/spec-format.md, Factors.");
    return out;
  }

  private ObjectNode registryDef(Registry<?> r) {
    ObjectNode def = F.objectNode().put("type", "object");
    String byDefault = r.defaultName();
    if (byDefault == null) {
      def.putArray("required").add("type");
    }
    ObjectNode typeProp = def.putObject("properties").putObject("type");
    ArrayNode names = typeProp.putArray("enum");
    r.names().forEach(names::add);
    if (byDefault != null) {
      typeProp.put("default", byDefault);
    }
    typeProp.put("description", "Which " + r.kind() + (byDefault == null ? "." : "; absent: " + byDefault + "."));
    def.put("description", "A " + r.kind() + ", chosen by \"type\": " + String.join(", ", r.names())
        + (byDefault == null ? "." : " (absent: " + byDefault + ")."));
    ArrayNode branches = F.arrayNode();
    for (Map.Entry<String, ? extends Class<?>> e : r.types().entrySet()) {
      ObjectNode cond = F.objectNode();
      cond.putObject("properties").putObject("type").put("const", e.getKey());
      if (!e.getKey().equals(byDefault)) { // the default type's branch also applies when "type" is absent
        cond.putArray("required").add("type");
      }
      ObjectNode props = F.objectNode();
      props.putObject("type").put("const", e.getKey());
      List<String> required = new ArrayList<>();
      recordProperties(record(e.getValue()), props, required);
      branches.add(F.objectNode().<ObjectNode>set("if", cond).set("then", object(props, required)));
    }
    if (!branches.isEmpty()) { // branches say which keys each type allows
      def.set("allOf", branches);
    }
    return def;
  }

  /** The name of the def of a (non-component) record, generating the def on first use. */
  private String recordRef(Class<?> cls) {
    String name = recordDefName(cls);
    if (!defs.has(name)) {
      defs.putObject(name); // placeholder, keeps the order of first use and stops recursion
      ObjectNode props = F.objectNode();
      List<String> required = new ArrayList<>();
      recordProperties(record(cls), props, required);
      defs.set(name, object(props, required));
    }
    return name;
  }

  /** The def name of a record: its class name in snake_case without a "Spec" or "Config" suffix. */
  static String recordDefName(Class<?> cls) {
    String simple = cls.getSimpleName();
    for (String suffix : List.of("Spec", "Config")) {
      if (simple.endsWith(suffix) && simple.length() > suffix.length()) {
        simple = simple.substring(0, simple.length() - suffix.length());
        break;
      }
    }
    return SNAKE.translate(simple);
  }

  private void recordProperties(Class<? extends Record> cls, ObjectNode props, List<String> required) {
    for (RecordComponent rc : cls.getRecordComponents()) {
      Hyper h = hyper(rc);
      props.set(key(rc), property(rc));
      if (h.defaultValue().isEmpty() && !rc.isAnnotationPresent(OptionalKey.class)) {
        required.add(key(rc));
      }
    }
  }

  private ObjectNode property(RecordComponent rc) {
    Hyper h = hyper(rc);
    ObjectNode p = typeSchema(rc.getGenericType(), rc);
    Class<?> t = rc.getType();
    if (isNumber(t)) {
      boolean integral = t == Integer.class || t == Long.class || t == int.class || t == long.class;
      if (h.min() != Double.NEGATIVE_INFINITY) {
        p.set(h.exclusiveMin() ? "exclusiveMinimum" : "minimum", number(h.min(), integral));
      }
      if (h.max() != Double.POSITIVE_INFINITY) {
        p.set("maximum", number(h.max(), integral));
      }
    }
    if (t == String.class) {
      if (h.allowed().length > 0) {
        ArrayNode allowed = p.putArray("enum");
        for (String a : h.allowed()) {
          allowed.add(a);
        }
      } else {
        p.put("minLength", 1);
      }
    }
    if (List.class.isAssignableFrom(t) && h.allowed().length > 0 && p.path("items").isObject()) {
      ArrayNode allowed = ((ObjectNode) p.get("items")).putArray("enum"); // a list of strings from a fixed set
      for (String a : h.allowed()) {
        allowed.add(a);
      }
      p.put("uniqueItems", true);
    }
    if (!h.defaultValue().isEmpty()) {
      try {
        p.set("default", new ObjectMapper().readTree(h.defaultValue()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(where(rc) + ": defaultValue is not JSON: " + h.defaultValue(), e);
      }
    }
    p.put("description", h.doc());
    return p;
  }

  private ObjectNode typeSchema(Type type, RecordComponent rc) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (raw == List.class) {
        ObjectNode n = F.objectNode().put("type", "array");
        n.set("items", typeSchema(args[0], rc));
        return n;
      }
      if (raw == Map.class && args[0] == String.class) {
        ObjectNode n = F.objectNode().put("type", "object");
        n.set("additionalProperties", typeSchema(args[1], rc));
        return n;
      }
    } else if (type instanceof Class<?> c) {
      if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
        return F.objectNode().put("type", "number");
      }
      if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
        return F.objectNode().put("type", "integer");
      }
      if (c == Boolean.class || c == boolean.class) {
        return F.objectNode().put("type", "boolean");
      }
      if (c == String.class) {
        return F.objectNode().put("type", "string");
      }
      if (c == Object.class) {
        return scalar();
      }
      if (Component.class.isAssignableFrom(c)) {
        Registry<?> r = catalog.registryFor(c);
        if (r == null) {
          throw new IllegalStateException(where(rc) + ": no registry for " + c.getName());
        }
        return ref(r.kind());
      }
      if (c.isRecord()) {
        return ref(recordRef(c));
      }
    }
    throw new IllegalStateException(where(rc) + ": no JSON Schema for type " + type.getTypeName());
  }

  /** The def {@code name + "_partial"}: the same without "required", for partial overrides. */
  private String partial(String name) {
    String p = name + "_partial";
    if (!defs.has(p)) {
      defs.putObject(p);
      defs.set(p, (ObjectNode) partialOf(defs.get(name), false));
    }
    return p;
  }

  private JsonNode partialOf(JsonNode node, boolean inIf) {
    ObjectNode out = F.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      switch (k) {
        case "required" -> {
          if (inIf) { // "if" needs its "required" to select the branch of the type
            out.set(k, v.deepCopy());
          }
        }
        case "$ref" -> out.put(k, v.asText().endsWith("_partial") ? v.asText()
            : "#/$defs/" + partial(v.asText().substring("#/$defs/".length())));
        case "properties" -> {
          ObjectNode props = out.putObject(k);
          v.fields().forEachRemaining(p -> props.set(p.getKey(), partialOf(p.getValue(), inIf)));
        }
        case "allOf" -> {
          ArrayNode a = out.putArray(k);
          v.forEach(x -> a.add(partialOf(x, inIf)));
        }
        case "if" -> {
          // in a partial override an absent "type" keeps the base's, which may not be the default:
          // a branch applies only where the override names its type
          ObjectNode cond = (ObjectNode) partialOf(v, true);
          if (cond.path("properties").has("type") && !cond.has("required")) {
            cond.putArray("required").add("type");
          }
          out.set(k, cond);
        }
        case "then", "additionalProperties" ->
            out.set(k, v.isObject() ? partialOf(v, inIf) : v.deepCopy());
        default -> out.set(k, v.deepCopy()); // items stay complete: arrays are replaced whole
      }
    }
    return out;
  }

  private static ObjectNode object(ObjectNode properties, List<String> required) {
    ObjectNode n = F.objectNode().put("type", "object");
    if (!required.isEmpty()) {
      ArrayNode r = n.putArray("required");
      for (String s : required) {
        r.add(s);
      }
    }
    n.set("properties", properties);
    n.put("additionalProperties", false);
    return n;
  }

  private static ObjectNode scalar() {
    ObjectNode n = F.objectNode();
    n.putArray("type").add("string").add("number").add("boolean");
    return n;
  }

  private static ObjectNode ref(String defName) {
    return F.objectNode().put("$ref", "#/$defs/" + defName);
  }

  private static JsonNode number(double v, boolean integral) {
    return (integral || v == Math.rint(v)) && Math.abs(v) < 1e15 ? F.numberNode((long) v) : F.numberNode(v);
  }

  private static boolean isNumber(Class<?> t) {
    return Number.class.isAssignableFrom(t) || t == int.class || t == long.class || t == double.class
        || t == float.class;
  }

  static String key(RecordComponent rc) {
    return SNAKE.translate(rc.getName());
  }

  private static Hyper hyper(RecordComponent rc) {
    Hyper h = rc.getAnnotation(Hyper.class);
    if (h == null) {
      throw new IllegalStateException(where(rc) + " has no @Hyper");
    }
    return h;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> record(Class<?> c) {
    if (!c.isRecord()) {
      throw new IllegalStateException(c.getName() + " is registered but is not a record");
    }
    return (Class<? extends Record>) c;
  }

  private static String where(RecordComponent rc) {
    return rc.getDeclaringRecord().getName() + "." + rc.getName();
  }
}
