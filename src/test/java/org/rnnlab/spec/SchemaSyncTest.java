package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.config.Hyper;

class SchemaSyncTest {
  private static final String REGENERATE = "experiments/schema.json is out of date; regenerate it with "
      + "`./rnnlab schema > experiments/schema.json` (before the CLI has that command: mvn -q -o compile exec:java "
      + "-Dexec.mainClass=org.rnnlab.spec.SchemaGenerator -Dexec.args=experiments/schema.json) and commit it";

  @Test
  void committedSchemaIsTheGeneratedOne() throws Exception {
    String committed = Files.readString(Path.of("experiments/schema.json"), StandardCharsets.UTF_8);
    assertEquals(SchemaGenerator.generate(), committed.replace("\r\n", "\n"), REGENERATE);
  }

  @Test
  void everyRegisteredNameHasItsBranch() {
    JsonNode defs = SchemaGenerator.schema(Catalog.standard()).get("$defs");
    for (Registry<?> r : Catalog.standard().registries()) {
      JsonNode def = defs.get(r.kind());
      List<String> names = new ArrayList<>();
      def.at("/properties/type/enum").forEach(n -> names.add(n.asText()));
      assertEquals(List.copyOf(r.names()), names, r.kind());
      List<String> branches = new ArrayList<>();
      def.path("allOf").forEach(b -> branches.add(b.at("/if/properties/type/const").asText()));
      assertEquals(List.copyOf(r.names()), branches, r.kind());
    }
  }

  @Test
  void schemaIsValidDraft202012() {
    var meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of(SchemaId.V202012));
    assertEquals(Set.of(), meta.validate(SchemaGenerator.schema(Catalog.standard())));
  }

  /** The example at the top of docs/spec-format.md plans with the real registries. */
  @Test
  void documentedExampleIsValid(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("docs/spec-format.md"), StandardCharsets.UTF_8);
    int start = doc.indexOf("```json\n") + "```json\n".length();
    Path spec = dir.resolve("example.json");
    Files.writeString(spec, doc.substring(start, doc.indexOf("```", start)));
    ExperimentPlan plan = Planner.standard().plan(spec);
    assertEquals(2 * 3 * 5, plan.trials().size());
    assertEquals("rnn__seq_len-50__s0", plan.trials().get(0).id());
    assertEquals(2, Planner.standard().plan(spec, "ci").trials().size());
  }

  /**
   * The named-points examples of docs/spec-format.md (the sweep under "### Named points", and the
   * sweep and profile under "## Profiles") plan with the real registries, put into the top example.
   */
  @Test
  void documentedNamedPointsAreValid(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("docs/spec-format.md"), StandardCharsets.UTF_8);
    ObjectMapper m = Catalog.standard().mapper();
    ObjectNode top = (ObjectNode) m.readTree(jsonBlockAfter(doc, "```json"));
    top.remove(List.of("claims", "profiles"));

    ObjectNode named = top.deepCopy();
    named.setAll((ObjectNode) m.readTree("{" + jsonBlockAfter(doc, "### Named points") + "}"));
    Path spec = dir.resolve("named.json");
    Files.writeString(spec, named.toString());
    ExperimentPlan plan = Planner.standard().plan(spec);
    assertEquals(List.of("adding_t50", "adding_t100", "copy_t100"), plan.sweep().get("task"));
    assertEquals(2 * 3 * 5, plan.trials().size());
    assertEquals("rnn__task-adding_t50__s0", plan.trials().get(0).id());
    assertEquals(m.readTree("{\"type\": \"adding\", \"seq_len\": 50, \"variant\": \"anywhere\"}"),
        m.readTree(plan.trials().get(0).canonicalJson()).get("task"));
    assertEquals("copy_memory", m.readTree(plan.trials().get(29).canonicalJson()).at("/task/type").asText());

    ObjectNode profiled = top.deepCopy();
    profiled.setAll((ObjectNode) m.readTree("{" + jsonBlockAfter(doc, "## Profiles") + "}"));
    spec = dir.resolve("profiled.json");
    Files.writeString(spec, profiled.toString());
    assertEquals(2 * 2 * 2 * 5, Planner.standard().plan(spec).trials().size());
    ExperimentPlan ci = Planner.standard().plan(spec, "ci");
    assertEquals(2 * 2 * 5, ci.trials().size());
    assertEquals(m.readTree("{\"type\": \"adding\", \"seq_len\": 20, \"variant\": \"anywhere\"}"),
        m.readTree(ci.trials().get(0).canonicalJson()).get("task"));
  }

  private static String jsonBlockAfter(String doc, String marker) {
    int start = doc.indexOf("```json\n", doc.indexOf(marker)) + "```json\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  /** The schema's "default" of every hyperparameter is what the record's constructor fills in. */
  @Test
  void documentedDefaultsAreTheRecordsDefaults() throws Exception {
    ObjectMapper m = Catalog.standard().mapper();
    int checked = 0;
    for (Registry<?> r : Catalog.standard().registries()) {
      for (Map.Entry<String, ? extends Class<?>> e : r.types().entrySet()) {
        ObjectNode bare = m.createObjectNode().put("type", e.getKey());
        ObjectNode explicit = bare.deepCopy();
        for (RecordComponent rc : e.getValue().getRecordComponents()) {
          Hyper h = rc.getAnnotation(Hyper.class);
          String key = SchemaGenerator.key(rc);
          if (!h.defaultValue().isEmpty()) {
            explicit.set(key, m.readTree(h.defaultValue()));
          } else if (!rc.isAnnotationPresent(OptionalKey.class)) {
            JsonNode required = sample(rc.getType(), h);
            bare.set(key, required);
            explicit.set(key, required);
          }
        }
        String what = r.kind() + " " + e.getKey();
        assertEquals(m.treeToValue(explicit, r.base()), m.treeToValue(bare, r.base()), what);
        checked++;
      }
    }
    assertTrue(checked >= 17, "checked " + checked);
  }

  private static JsonNode sample(Class<?> type, Hyper h) {
    ObjectMapper m = new ObjectMapper();
    double v = Double.isFinite(h.min()) ? h.min() + (h.exclusiveMin() ? 1 : 0) : 1;
    if (type == Integer.class || type == Long.class) {
      return m.getNodeFactory().numberNode((long) Math.max(v, 8));
    }
    if (type == Double.class) {
      return m.getNodeFactory().numberNode(v);
    }
    if (type == String.class) {
      return m.getNodeFactory().textNode(h.allowed().length > 0 ? h.allowed()[0] : "x");
    }
    if (type == Boolean.class) {
      return m.getNodeFactory().booleanNode(true);
    }
    if (type == List.class) { // the only required list: set_curve's points, at least two sets at their x
      ArrayNode a = m.createArrayNode();
      a.addObject().put("set", "test").put("x", 1.0);
      a.addObject().put("set", "long").put("x", 2.0);
      return a;
    }
    if (type == Map.class) { // the only required map: batch_size's series, name to variants
      ObjectNode o = m.createObjectNode();
      o.putArray("x").add("x");
      return o;
    }
    Registry<?> r = Catalog.standard().registryFor(type);
    if (r != null) { // a required component: its first type with its own required keys
      Map.Entry<String, ? extends Class<?>> first = r.types().entrySet().iterator().next();
      ObjectNode c = m.createObjectNode().put("type", first.getKey());
      for (RecordComponent rc : first.getValue().getRecordComponents()) {
        Hyper inner = rc.getAnnotation(Hyper.class);
        if (inner.defaultValue().isEmpty() && !rc.isAnnotationPresent(OptionalKey.class)) {
          c.set(SchemaGenerator.key(rc), sample(rc.getType(), inner));
        }
      }
      return c;
    }
    throw new AssertionError("no sample value for a required " + type.getName());
  }
}
