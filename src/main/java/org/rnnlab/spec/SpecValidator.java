package org.rnnlab.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnnlab.procedure.TrialConfig;

/**
 * Finds every problem of a parsed spec before anything runs: the generated JSON Schema
 * (types, ranges, type names, unknown and missing keys), then what a schema cannot say
 * (sweep keys, claim references), then the same for every resolved variant, sweep point and
 * profile, and finally whether each resolved config builds (record constructors' own checks).
 */
final class SpecValidator {
  /** The most trials a plan may have (and the most variant x sweep-point configs validated). */
  static final int MAX_TRIALS = 10_000;
  private final Catalog catalog;
  private final ObjectNode specDoc;
  private final ObjectNode configDoc;
  private final JsonSchema specSchema;
  private final JsonSchema configSchema;

  SpecValidator(Catalog catalog) {
    this.catalog = catalog;
    this.specDoc = SchemaGenerator.schema(catalog);
    this.configDoc = specDoc.objectNode();
    configDoc.put("$schema", SchemaGenerator.DIALECT);
    configDoc.put("$ref", "#/$defs/" + SchemaGenerator.recordDefName(TrialConfig.class));
    configDoc.set("$defs", specDoc.get("$defs"));
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    this.specSchema = factory.getSchema(specDoc, config);
    this.configSchema = factory.getSchema(configDoc, config);
  }

  /**
   * All problems of {@code root}, its variants, sweep points and profiles, and whether it has
   * {@code profile} (unless null); sorted by pointer.
   */
  List<Problem> validate(JsonNode root, String profile) {
    List<Problem> base = checkSpec(root);
    Set<Problem> all = new LinkedHashSet<>(base);
    outOfRange(root, "", all);
    if (profile != null && !root.path("profiles").has(profile)) {
      List<String> names = new ArrayList<>();
      root.path("profiles").fieldNames().forEachRemaining(names::add);
      all.add(new Problem("/profiles", "no profile " + Json.show(TextNode.valueOf(profile))
          + (names.isEmpty() ? "; the spec has no profiles" : "; profiles: " + names)));
    }
    if (root.path("profiles").isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.get("profiles").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isObject()) {
          JsonNode merged = Resolve.withProfile(root, e.getValue());
          for (Problem p : checkSpec(merged)) {
            if (!base.contains(p)) {
              all.add(p.under("/profiles" + Json.token(e.getKey())));
            }
          }
        }
      }
    }
    List<Problem> out = new ArrayList<>(all);
    out.sort(Comparator.comparing(Problem::pointer, Json::comparePointers));
    return out;
  }

  /** Numbers beyond a double's range, which JSON allows and Java would read as infinite. */
  private static void outOfRange(JsonNode node, String at, Set<Problem> out) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      out.add(new Problem(at, "is out of the range of a double (about ±1.8e308)"));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> outOfRange(e.getValue(), at + Json.token(e.getKey()), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        outOfRange(node.get(i), at + "/" + i, out);
      }
    }
  }

  /**
   * Checked before anything is expanded: the number of trials, so that a typo such as
   * {@code "seeds": 1000000000} fails at once instead of planning for minutes in gigabytes.
   */
  private static Problem planSize(JsonNode spec, Map<String, List<SweepValue>> sweep) {
    double variants = Math.max(1, Resolve.variants(spec).size());
    double points = 1;
    for (List<SweepValue> v : sweep.values()) {
      points *= v.size();
    }
    double seeds = spec.path("seeds").canConvertToLong() ? Math.max(1, spec.path("seeds").asLong()) : 1;
    double trials = variants * points * seeds;
    if (trials <= MAX_TRIALS && variants * points <= MAX_TRIALS) {
      return null;
    }
    return new Problem(spec.path("seeds").asLong(1) > 1 && variants * points <= MAX_TRIALS ? "/seeds" : "/sweep",
        String.format(java.util.Locale.ROOT, "the plan would have %.0f trials (%.0f variants x %.0f sweep points x %.0f "
            + "seeds); the limit is %d", trials, variants, points, seeds, MAX_TRIALS));
  }

  /** The problems of a spec, not looking into its profiles. */
  private List<Problem> checkSpec(JsonNode spec) {
    Set<Problem> out = new LinkedHashSet<>(schemaProblems(specSchema, specDoc, spec));
    if (!spec.isObject()) {
      return new ArrayList<>(out);
    }
    Problem tooBig = planSize(spec, Resolve.sweep(spec));
    if (tooBig != null) {
      out.add(tooBig);
      return new ArrayList<>(out);
    }
    List<Problem> baseProblems = checkConfig(Resolve.config(spec));
    out.addAll(baseProblems);

    Map<String, List<SweepValue>> sweep = Resolve.sweep(spec);
    for (String key : new ArrayList<>(sweep.keySet())) {
      String why = Resolve.badSweepKey(key, sweep.keySet());
      if (why != null) {
        out.add(new Problem("/sweep" + Json.token(key), why));
        sweep.remove(key);
      }
    }
    List<LinkedHashMap<String, SweepValue>> points = Resolve.points(sweep);

    boolean named = Resolve.hasVariants(spec);
    Factors.Expansion factors = Factors.expand(spec);
    out.addAll(factors.problems());
    Set<String> generated = new java.util.HashSet<>();
    factors.variants().forEach(g -> generated.add(g.name()));
    Map<String, JsonNode> variants = Resolve.variants(spec, factors);
    Map<Problem, Set<String>> sweepProblems = new LinkedHashMap<>();
    Map<Problem, Set<String>> generatedProblems = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> v : variants.entrySet()) {
      JsonNode variantConfig = Json.merge(Resolve.config(spec), v.getValue());
      List<Problem> variantProblems = named ? checkConfig(variantConfig) : baseProblems;
      for (Problem p : variantProblems) {
        if (baseProblems.contains(p)) {
          continue;
        }
        if (generated.contains(v.getKey())) {
          // a generated variant has no place in the file: its problem is reported once for all it is in
          generatedProblems.computeIfAbsent(p, k -> new TreeSet<>()).add(v.getKey());
        } else {
          out.add(p.under("/variants" + Json.token(v.getKey())));
        }
      }
      if (sweep.isEmpty()) {
        continue;
      }
      for (Map<String, SweepValue> point : points) {
        for (Problem p : checkConfig(Json.merge(variantConfig, Resolve.nest(Resolve.values(point))))) {
          if (!variantProblems.contains(p)) {
            String key = sweepKeyOf(p, sweep.keySet());
            sweepProblems.computeIfAbsent(sweepProblem(key, point.get(key), p), k -> new TreeSet<>()).add(v.getKey());
          }
        }
      }
    }
    generatedProblems.forEach((p, in) -> out.add(new Problem("/factors", "in the variant" + (in.size() > 1 ? "s " : " ")
        + String.join(", ", in) + ": " + p.pointer() + ": " + p.message())));
    sweepProblems.forEach((p, in) -> out.add(!named || in.size() == variants.size() ? p
        : new Problem(p.pointer(), p.message() + " (variant" + (in.size() > 1 ? "s " : " ")
            + String.join(", ", in) + ")")));

    List<String> names = new ArrayList<>(variants.keySet());
    checkClaims(spec, named ? names : List.of(Resolve.BASE), sweep, out);
    return new ArrayList<>(out);
  }

  /**
   * A problem of a swept config, reported under the sweep key it belongs to. For a scalar value:
   * {@code /sweep/task.seq_len: /task: ...}, with the config path in the message. For a named
   * point, a pointer into its value where the problem lies inside it
   * ({@code /sweep/task/copy_t100/blank_lenn: unknown key; ...}), else the config path in the message.
   */
  private static Problem sweepProblem(String key, SweepValue value, Problem p) {
    String at = "/sweep" + Json.token(key);
    if (!value.named()) {
      return new Problem(at, p.pointer() + ": " + p.message());
    }
    at += Json.token(value.name());
    String keyPointer = Json.pointerOf(key);
    if (p.pointer().equals(keyPointer) || p.pointer().startsWith(keyPointer + "/")) {
      return new Problem(at + p.pointer().substring(keyPointer.length()), p.message());
    }
    return new Problem(at, p.pointer() + ": " + p.message());
  }

  /** Claims must name a variant of the spec and sweep keys and values (or point names) of its sweep. */
  private static void checkClaims(JsonNode spec, List<String> variantNames, Map<String, List<SweepValue>> sweep,
                                  Set<Problem> out) {
    JsonNode claims = spec.path("claims");
    for (int i = 0; i < claims.size(); i++) {
      checkSelection(claims.get(i), "/claims/" + i, variantNames, sweep, out);
      if (claims.get(i).path("than").isObject()) {
        checkSelection(claims.get(i).get("than"), "/claims/" + i + "/than", variantNames, sweep, out);
      }
    }
  }

  /** The variant and where of a claim (or of its reference) must name a variant and swept values. */
  private static void checkSelection(JsonNode claim, String at, List<String> variantNames,
                                     Map<String, List<SweepValue>> sweep, Set<Problem> out) {
    JsonNode variant = claim.path("variant");
    if (variant.isTextual() && !variantNames.contains(variant.asText())) {
      out.add(new Problem(at + "/variant", Json.show(variant) + " is not one of " + variantNames));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = claim.path("where").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> w = it.next();
      String wat = at + "/where" + Json.token(w.getKey());
      List<SweepValue> values = sweep.get(w.getKey());
      if (values == null) {
        out.add(new Problem(wat, sweep.isEmpty() ? "not a sweep key; the spec has no sweep"
            : "not a sweep key; sweep keys: " + sweep.keySet()));
      } else if (Resolve.named(values)) {
        List<String> names = values.stream().map(SweepValue::name).toList();
        if (w.getValue().isValueNode() && !(w.getValue().isTextual() && names.contains(w.getValue().asText()))) {
          out.add(new Problem(wat, Json.show(w.getValue()) + " is not one of the point names " + names));
        }
      } else if (w.getValue().isValueNode()
          && values.stream().noneMatch(x -> x.label().equals(Json.scalarText(w.getValue())))) {
        out.add(new Problem(wat, Json.show(w.getValue()) + " is not one of the swept values "
            + values.stream().map(SweepValue::label).toList()));
      }
    }
  }

  /** The sweep key a problem of a swept config belongs to: the one sharing the longest pointer prefix. */
  private static String sweepKeyOf(Problem p, Iterable<String> keys) {
    String best = null;
    int bestLen = -1;
    String[] at = p.pointer().split("/", -1);
    for (String k : keys) {
      String[] kp = Json.pointerOf(k).split("/", -1);
      int n = 0;
      while (n < Math.min(at.length, kp.length) && at[n].equals(kp[n])) {
        n++;
      }
      if (n > bestLen) {
        best = k;
        bestLen = n;
      }
    }
    return best;
  }

  /**
   * The problems of one resolved config: the schema's; then, for each section the schema
   * passed, whether its records build (their constructors' own checks).
   */
  List<Problem> checkConfig(JsonNode config) {
    List<Problem> out = schemaProblems(configSchema, configDoc, config);
    for (RecordComponent section : TrialConfig.class.getRecordComponents()) {
      String at = Json.token(SchemaGenerator.key(section));
      JsonNode node = config.get(SchemaGenerator.key(section));
      if (node != null && out.stream().noneMatch(p -> (p.pointer() + "/").startsWith(at + "/"))) {
        try {
          catalog.mapper().treeToValue(node, section.getType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
          out.add(buildProblem(at, e));
        }
      }
    }
    if (out.isEmpty()) {
      Problem tooLarge = sizeProblem(config);
      if (tooLarge != null) {
        out.add(tooLarge);
      }
    }
    return out;
  }

  /** A config whose sizes cannot fit in this JVM's memory (SizeCheck), or null. */
  private Problem sizeProblem(JsonNode config) {
    TrialConfig c;
    try {
      c = catalog.mapper().treeToValue(config, TrialConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null; // a problem between sections: the planner's checks report it
    }
    return SizeCheck.problem(c, Runtime.getRuntime().maxMemory());
  }

  /**
   * The schema's problems, one per pointer: a value the schema rejects for several reasons (7 for
   * an enum of strings: "is not a string" and "is not one of [...]") is one problem, one line; the
   * list of allowed values says the most, so it is the line kept.
   */
  private static List<Problem> schemaProblems(JsonSchema schema, JsonNode doc, JsonNode instance) {
    Map<String, Problem> byPointer = new LinkedHashMap<>();
    for (ValidationMessage m : schema.validate(instance)) {
      Problem p = withHint(SchemaMessages.translate(m, doc));
      Problem before = byPointer.get(p.pointer());
      if (before == null || (!before.message().contains(" is not one of ") && p.message().contains(" is not one of "))) {
        byPointer.put(p.pointer(), p);
      }
    }
    return new ArrayList<>(byPointer.values());
  }

  /**
   * Problems of specs in an older format, with what to write instead: a missing training type (before
   * procedures), an esn cell (before model types: the reservoir is a model, its keys beside hidden_size).
   */
  private static Problem withHint(Problem p) {
    if (p.pointer().endsWith("/training/type") && p.message().equals("required key is missing")) {
      return new Problem(p.pointer(), p.message() + ": \"training\" is a procedure chosen by \"type\" (since rnnlab "
          + "0.2); add \"type\": \"bptt\" for gradient descent through time as before");
    }
    if (p.pointer().endsWith("/model/cell/type") && p.message().startsWith("\"esn\" is not one of")) {
      return new Problem(p.pointer().substring(0, p.pointer().length() - "/cell/type".length()), "an echo-state "
          + "reservoir is no longer a cell but a model type (since rnnlab 0.2): write \"model\": {\"type\": \"esn\", "
          + "\"hidden_size\": N, ...} with the cell's keys beside hidden_size, instead of \"cell\": {\"type\": \"esn\"}");
    }
    return p;
  }

  /** A problem from a record that refused its values (a check the schema cannot express). */
  private static Problem buildProblem(String section, Exception e) {
    StringBuilder at = new StringBuilder(section);
    String message = e.getMessage();
    if (e instanceof JsonMappingException jm) {
      for (JsonMappingException.Reference r : jm.getPath()) {
        at.append(r.getFieldName() != null ? Json.token(r.getFieldName()) : "/" + r.getIndex());
      }
      message = jm instanceof ValueInstantiationException && jm.getCause() != null
          ? jm.getCause().getMessage() : jm.getOriginalMessage();
    }
    return new Problem(at.toString(), String.valueOf(message).lines().findFirst().orElse(""));
  }
}
