package org.rnnlab.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.engine.Rng;

/**
 * Reads, validates and unfolds spec files. {@code Planner.standard().plan(file, profile)} either
 * returns the full plan or throws a {@link SpecException} listing every problem; nothing is
 * run before the whole spec, every variant, sweep point and profile has been checked.
 */
public final class Planner {
  private static final class Holder {
    static final Planner STANDARD = new Planner(Catalog.standard());
  }

  private final Catalog catalog;
  private final SpecValidator validator;

  /** A planner for specs drawing on {@code catalog}. */
  public Planner(Catalog catalog) {
    this.catalog = catalog;
    this.validator = new SpecValidator(catalog);
  }

  /** The planner of the standard catalog ({@link Registries}). */
  public static Planner standard() {
    return Holder.STANDARD;
  }

  /** Plans {@code specFile} without a profile. */
  public ExperimentPlan plan(Path specFile) {
    return plan(specFile, null);
  }

  /** Plans {@code specFile} with {@code profile} merged in (null for none); throws SpecException if invalid. */
  public ExperimentPlan plan(Path specFile, String profile) {
    String file = specFile.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(specFile);
    } catch (NoSuchFileException e) {
      throw new SpecException(List.of(file + ": no such file"));
    } catch (IOException e) {
      throw new SpecException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    JsonNode root = parse(bytes, file);
    List<Problem> problems = validator.validate(root, profile);
    if (!problems.isEmpty()) {
      throw new SpecException(problems.stream().map(p -> p.line(file)).toList());
    }
    JsonNode spec = profile == null ? Resolve.withoutProfiles(root)
        : Resolve.withProfile(root, root.get("profiles").get(profile));
    String name = specFile.getFileName().toString().replaceFirst("\\.json$", "");
    return build(name, profile, file, Json.sha256(bytes), spec);
  }

  private JsonNode parse(byte[] bytes, String file) {
    try {
      JsonNode root = mapper().readTree(bytes);
      if (root == null || root.isMissingNode()) {
        throw new SpecException(List.of(file + ": empty file; expected a JSON object"));
      }
      return root;
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage().replaceAll("\\s+", " ")
          .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
      throw new SpecException(List.of(file + ": " + where + "invalid JSON: " + msg));
    } catch (IOException e) {
      throw new SpecException(List.of(file + ": cannot read: " + e));
    }
  }

  private ExperimentPlan build(String name, String profile, String file, String sha, JsonNode spec) {
    ObjectMapper m = mapper();
    long rootSeed = spec.get("root_seed").asLong();
    int seeds = spec.get("seeds").asInt();
    ReportSpec report = m.convertValue(spec.get("report"), ReportSpec.class);
    Map<String, List<SweepValue>> sweep = Resolve.sweep(spec);
    Map<String, String> shortKeys = shortKeys(sweep.keySet());
    ObjectNode base = Resolve.config(spec);

    List<CellPlan> cells = new ArrayList<>();
    Map<String, String> seenIds = new HashMap<>();
    for (Map.Entry<String, JsonNode> v : Resolve.variants(spec).entrySet()) {
      for (LinkedHashMap<String, SweepValue> point : Resolve.points(sweep)) {
        JsonNode resolved = Resolve.cellConfig(base, v.getValue(), Resolve.values(point));
        RunConfig config = m.convertValue(resolved, RunConfig.class);
        ObjectNode tree = m.valueToTree(config);
        String pointText = Resolve.pointText(Resolve.identities(point));
        StringBuilder idStem = new StringBuilder(v.getKey());
        StringBuilder group = new StringBuilder(v.getKey());
        Map<String, Object> values = new LinkedHashMap<>();
        point.forEach((k, x) -> {
          idStem.append("__").append(safe(shortKeys.get(k))).append('-').append(safe(x.label()));
          group.append(' ').append(shortKeys.get(k)).append('=').append(x.label());
          values.put(k, m.convertValue(x.identity(), Object.class));
        });
        for (int s = 0; s < seeds; s++) {
          String id = idStem + "__s" + s;
          String clash = seenIds.put(id.toLowerCase(Locale.ROOT), id);
          if (clash != null) {
            throw new SpecException(List.of(file + ": /sweep: cells " + clash + " and " + id
                + " would share a directory; use sweep values that differ in letters or digits"));
          }
          long seed = Rng.hash(rootSeed + "/" + v.getKey() + "/" + pointText + "/" + s);
          long testSeed = Rng.hash(rootSeed + "/test/" + pointText + "/" + s);
          ObjectNode run = tree.deepCopy();
          run.put("seed", seed);
          run.put("test_seed", testSeed);
          String canonical = canonical(run);
          cells.add(new CellPlan(id, v.getKey(), group.toString(), values, s, seed, testSeed, config, canonical,
              Json.sha256(canonical)));
        }
      }
    }
    Map<String, List<Object>> sweepValues = new LinkedHashMap<>();
    sweep.forEach((k, xs) -> sweepValues.put(k,
        xs.stream().map(x -> m.convertValue(x.identity(), Object.class)).toList()));
    return new ExperimentPlan(name, profile, file, sha, spec, spec.get("description").asText(), seeds, rootSeed,
        List.copyOf(Resolve.variants(spec).keySet()), sweepValues, report, claims(spec, report, sweep),
        cells);
  }

  /** Claims with metric defaulted and where values replaced by the equal swept values (names for named points). */
  private List<Claim> claims(JsonNode spec, ReportSpec report, Map<String, List<SweepValue>> sweep) {
    List<Claim> out = new ArrayList<>();
    List<Claim> raw = mapper().convertValue(spec.path("claims").isArray() ? spec.get("claims")
        : mapper().createArrayNode(), new TypeReference<List<Claim>>() {});
    for (Claim c : raw) {
      Map<String, Object> where = new LinkedHashMap<>();
      c.where().forEach((k, x) -> where.put(k, sweep.get(k).stream()
          .filter(s -> s.label().equals(Json.scalarText(mapper().valueToTree(x))))
          .findFirst().map(s -> mapper().convertValue(s.identity(), Object.class)).orElseThrow()));
      out.add(new Claim(c.text(), c.variant(), where, c.metric() == null ? report.mainMetric() : c.metric(),
          c.statistic(), c.op(), c.value()));
    }
    return out;
  }

  private String canonical(JsonNode tree) {
    try {
      return mapper().writeValueAsString(Json.sorted(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each sweep key's last dotted part, or the whole key where two keys share their last part. */
  private static Map<String, String> shortKeys(Iterable<String> keys) {
    Map<String, Integer> count = new HashMap<>();
    keys.forEach(k -> count.merge(last(k), 1, Integer::sum));
    Map<String, String> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, count.get(last(k)) > 1 ? k : last(k)));
    return out;
  }

  private static String last(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._+-]", "_");
  }

  private ObjectMapper mapper() {
    return catalog.mapper();
  }
}
