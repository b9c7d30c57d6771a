package org.rnnlab.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.rnnlab.data.Datasets;
import org.rnnlab.engine.Rng;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.EvaluationSet;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.report.ChartConfig;
import org.rnnlab.report.Headline;
import org.rnnlab.results.Checksums;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;

/**
 * Reads, validates and unfolds spec files. {@code Planner.standard().plan(file, profile)} either
 * returns the full plan or throws a {@link SpecException} listing every problem; nothing is
 * run before the whole spec, every variant, sweep point and profile has been checked.
 */
public final class Planner {
  private static final class Holder {
    static final Planner STANDARD = new Planner(Catalog.standard());
  }

  /** What an experiment's name (its file name without ".json") must look like. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private final Catalog catalog;
  private final SpecValidator validator;
  private final boolean checkData;

  /** A planner for specs drawing on {@code catalog}. */
  public Planner(Catalog catalog) {
    this(catalog, true);
  }

  private Planner(Catalog catalog, boolean checkData) {
    this.catalog = catalog;
    this.validator = new SpecValidator(catalog);
    this.checkData = checkData;
  }

  /** This planner without the check that the datasets a spec reads are fetched (for tests and CI before `make data`). */
  public Planner withoutDataChecks() {
    return new Planner(catalog, false);
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
    String name = specFile.getFileName().toString().replaceFirst("\\.json$", "");
    if (!NAME.matcher(name).matches()) {
      throw new SpecException(List.of(file + ": the experiment name \"" + name + "\" must match " + NAME.pattern()
          + " (results go to results/NAME and results/NAME.PROFILE, so a dot or capital would let two "
          + "experiments share a directory)"));
    }
    JsonNode root = parse(bytes, file);
    List<Problem> problems = validator.validate(root, profile);
    if (!problems.isEmpty()) {
      throw new SpecException(problems.stream().map(p -> p.line(file)).toList());
    }
    JsonNode spec = profile == null ? Resolve.withoutProfiles(root)
        : Resolve.withProfile(root, root.get("profiles").get(profile));
    if (profile != null) { // a profile's report says what it changed, not only the full run's description
      ((com.fasterxml.jackson.databind.node.ObjectNode) spec).put("description", spec.get("description").asText()
          + " " + ProfileSummary.of(profile, root.get("profiles").get(profile)));
    }
    ExperimentPlan plan = build(name, profile, file, Checksums.sha256(bytes), spec);
    List<String> late = trialProblems(plan, spec, file);
    if (!late.isEmpty()) {
      throw new SpecException(late);
    }
    return plan;
  }

  /**
   * Where reading {@code bytes} token by token first exceeds a read limit (nesting depth, number
   * length): the exception of the tree reader carries no location.
   */
  private JsonLocation whereLimitHits(byte[] bytes) {
    JsonParser p = null;
    try {
      p = mapper().getFactory().createParser(bytes);
      while (p.nextToken() != null) {
        p.getText(); // a number's or string's length is checked when its text is read
      }
      return null;
    } catch (IOException e) {
      return p == null ? null : p.currentLocation();
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException ignored) {
          // a parser over bytes holds nothing to release
        }
      }
    }
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
          .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2")
          // a limit's message names the Jackson method that sets it: say the limit, not the method
          .replaceAll(", from `[^`]*`\\)", ")");
      JsonLocation at = e.getLocation() != null ? e.getLocation()
          : e instanceof StreamConstraintsException ? whereLimitHits(bytes) : null;
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
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
    Factors.Expansion factors = Factors.expand(spec);
    LinkedHashMap<String, JsonNode> variants = Resolve.variants(spec, factors);
    Map<String, Map<String, String>> levels = new LinkedHashMap<>();
    factors.variants().forEach(g -> levels.put(g.name(), g.levels()));

    List<TrialPlan> trials = new ArrayList<>();
    Map<String, String> seenIds = new HashMap<>();
    for (Map.Entry<String, JsonNode> v : variants.entrySet()) {
      for (LinkedHashMap<String, SweepValue> point : Resolve.points(sweep)) {
        JsonNode resolved = Resolve.cellConfig(base, v.getValue(), Resolve.values(point));
        TrialConfig config = m.convertValue(resolved, TrialConfig.class);
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
          trials.add(new TrialPlan(trials.size(), id, v.getKey(), group.toString(), values, s, seed, testSeed, config,
              canonical, Checksums.sha256(canonical)));
        }
      }
    }
    Map<String, List<Object>> sweepValues = new LinkedHashMap<>();
    sweep.forEach((k, xs) -> sweepValues.put(k,
        xs.stream().map(x -> m.convertValue(x.identity(), Object.class)).toList()));
    return new ExperimentPlan(name, profile, file, sha, spec, spec.get("description").asText(), seeds, rootSeed,
        List.copyOf(variants.keySet()), factors.factors(), levels, sweepValues, report, claims(spec, report, sweep),
        trials);
  }

  /**
   * What only the typed trials can tell: the procedure's own checks against the rest of each
   * config, metric names that no trial (or not every trial a claim is about) reports, and datasets
   * that are not fetched. A problem shared by several variants is reported once.
   */
  private List<String> trialProblems(ExperimentPlan plan, JsonNode spec, String file) {
    Map<String, Set<String>> byLine = new LinkedHashMap<>();
    Set<String> variants = new TreeSet<>(plan.variants());
    Map<String, List<String>> metricsOf = new LinkedHashMap<>();
    Map<Measures.Kind, List<MeasureName>> recorded = new java.util.EnumMap<>(Measures.Kind.class);
    for (Measures.Kind k : Measures.Kind.values()) {
      recorded.put(k, new ArrayList<>());
    }
    for (TrialPlan t : plan.trials()) {
      if (t.seedIndex() != 0) {
        continue; // seeds of a group share their config but for the seed
      }
      TrialConfig c = t.config();
      for (ConfigProblem p : c.check()) {
        byLine.computeIfAbsent(file + ": " + p.pointer() + ": " + p.message(), k -> new TreeSet<>()).add(t.variant());
      }
      if (checkData) {
        List<String> needed = new ArrayList<>(c.task().datasets());
        for (EvaluationSet set : c.evaluation().sets().values()) {
          needed.addAll(set.task().datasets());
        }
        for (String d : needed.stream().distinct().toList()) {
          String why = Datasets.missing(d);
          if (why != null) {
            byLine.computeIfAbsent(file + ": /task: " + why, k -> new TreeSet<>()).add(t.variant());
          }
        }
      }
      metricsOf.put(t.group(), c.training().metrics(c));
      c.training().metrics(c).forEach(m -> addNew(recorded.get(Measures.Kind.METRIC), MeasureName.exact(m)));
      c.training().curve(c).forEach(m -> addNew(recorded.get(Measures.Kind.CURVE), m));
      c.training().series(c).forEach(m -> addNew(recorded.get(Measures.Kind.SERIES), m));
    }
    List<String> out = new ArrayList<>();
    byLine.forEach((line, in) -> out.add(in.equals(variants) || variants.size() == 1 ? line
        : line + " (variant" + (in.size() > 1 ? "s " : " ") + String.join(", ", in) + ")"));
    String main = plan.report().mainMetric();
    List<String> everywhere = common(metricsOf.values());
    if (!everywhere.contains(main)) {
      out.add(file + ": /report/main_metric: \"" + main + "\" is not a metric of every trial; metrics all trials "
          + "report: " + Measures.listed(main, everywhere));
    }
    List<String> factorNames = plan.factors().stream().map(Factor::name).toList();
    if (spec.path("report").has("charts")) {
      checkCharts(plan.report(), recorded, factorNames, file, out);
    }
    checkHeadline(plan, factorNames, file, out);
    if (!plan.report().formats().contains("png")) {
      out.add(file + ": /report/formats: must include \"png\", which the report's pages show");
    }
    JsonNode raw = spec.path("claims");
    for (int i = 0; i < plan.claims().size(); i++) {
      Claim c = plan.claims().get(i);
      checkClaimMetric(plan, metricsOf, c.variant(), c.where(), c.metric(), "/claims/" + i,
          raw.path(i).has("metric") ? "" : " (report.main_metric)", file, out);
      if (c.than() != null) {
        JsonNode t = raw.path(i).path("than");
        checkClaimMetric(plan, metricsOf, c.than().variant(), c.than().where(), c.than().metric(),
            "/claims/" + i + "/than", t.has("metric") ? "" : " (the claim's metric)", file, out);
      }
    }
    return out;
  }

  /** The metric of a claim (or of its reference) must be reported by every trial that selection is about. */
  private static void checkClaimMetric(ExperimentPlan plan, Map<String, List<String>> metricsOf, String variant,
                                       Map<String, Object> where, String metric, String at, String implicit,
                                       String file, List<String> out) {
    List<List<String>> about = new ArrayList<>();
    for (TrialPlan t : plan.trials()) {
      if (t.seedIndex() == 0 && (variant == null || variant.equals(t.variant())) && matches(t.sweepPoint(), where)) {
        about.add(metricsOf.get(t.group()));
      }
    }
    List<String> allowed = common(about);
    if (!allowed.contains(metric)) {
      boolean explicit = implicit.isEmpty();
      out.add(file + ": " + at + (explicit ? "/metric" : "") + ": \"" + metric + "\"" + implicit
          + " is not a metric of " + (about.isEmpty() ? "any trial" : "every trial the claim is about")
          + "; metrics: " + Measures.listed(metric, allowed));
    }
  }

  /**
   * Every measurement a chart of the spec reads must be recorded by some trial of the plan (a chart draws
   * the groups that have it); else the chart would draw nothing. Charts a spec leaves to the default are
   * not checked: they draw what there is.
   */
  /** report.headline_columns names a factor (with one sweep point, the other factors being the rows) or the sweep. */
  private static void checkHeadline(ExperimentPlan plan, List<String> factorNames, String file, List<String> out) {
    String columns = plan.report().headlineColumns();
    if (columns == null) {
      return;
    }
    boolean sweep = columns.equals(Headline.SWEEP);
    int points = plan.sweep().values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
    if (sweep ? plan.sweep().isEmpty() : !factorNames.contains(columns)) {
      out.add(file + ": /report/headline_columns: \"" + columns + "\" is neither a factor nor \"" + Headline.SWEEP
          + "\" with a sweep; factors: " + factorNames + (plan.sweep().isEmpty() ? ", no sweep" : ""));
    } else if (!sweep && points > 1) {
      out.add(file + ": /report/headline_columns: a factor's levels are the columns only with one sweep point "
          + "(the rows are the other factors); this sweep has " + points + ": use \"" + Headline.SWEEP + "\"");
    }
  }

  private static void checkCharts(ReportSpec report, Map<Measures.Kind, List<MeasureName>> recorded,
                                  List<String> factors, String file, List<String> out) {
    for (int i = 0; i < report.charts().size(); i++) {
      for (Map.Entry<String, String> f : report.charts().get(i).factorsNamed().entrySet()) {
        if (!factors.contains(f.getValue())) {
          out.add(file + ": /report/charts/" + i + f.getKey() + ": \"" + f.getValue() + "\" is not a factor; factors: "
              + factors);
        }
      }
      for (ChartConfig.Need n : report.charts().get(i).needs(report.mainMetric())) {
        List<MeasureName> names = recorded.get(n.kind());
        if (names.stream().noneMatch(m -> m.matches(n.name()))) {
          List<String> allowed = names.stream().map(MeasureName::text).toList();
          out.add(file + ": /report/charts/" + i + n.pointer() + ": \"" + n.name() + "\""
              + (n.implied() == null ? "" : " (" + n.implied() + ")") + " is not a " + n.kind().word()
              + " any trial records; " + n.kind().plural() + ": " + (allowed.isEmpty() ? "none"
              : Measures.listed(n.name(), allowed)));
        }
      }
    }
  }

  private static void addNew(List<MeasureName> names, MeasureName name) {
    if (names.stream().noneMatch(m -> m.text().equals(name.text()))) {
      names.add(name);
    }
  }

  /** The names present in every list, in the order of the first. */
  private static List<String> common(java.util.Collection<List<String>> lists) {
    if (lists.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(lists.iterator().next());
    for (List<String> l : lists) {
      out.retainAll(l);
    }
    return out;
  }

  private static boolean matches(Map<String, Object> point, Map<String, Object> where) {
    for (Map.Entry<String, Object> w : where.entrySet()) {
      if (!java.util.Objects.equals(point.get(w.getKey()), w.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Claims with metric defaulted and where values replaced by the equal swept values (names for named points). */
  private List<Claim> claims(JsonNode spec, ReportSpec report, Map<String, List<SweepValue>> sweep) {
    List<Claim> out = new ArrayList<>();
    List<Claim> raw = mapper().convertValue(spec.path("claims").isArray() ? spec.get("claims")
        : mapper().createArrayNode(), new TypeReference<List<Claim>>() {});
    for (Claim c : raw) {
      Map<String, Object> where = swept(c.where(), sweep);
      String metric = c.metric() == null ? report.mainMetric() : c.metric();
      Claim.Reference than = null;
      if (c.than() != null) {
        // the reference: the claim's selection with its overrides, every default filled in
        Map<String, Object> refWhere = new LinkedHashMap<>(where);
        refWhere.putAll(swept(c.than().where(), sweep));
        Claim.Reference r = c.than();
        than = new Claim.Reference(r.variant() == null ? c.variant() : r.variant(), refWhere,
            r.metric() == null ? metric : r.metric(), r.statistic() == null ? c.statistic() : r.statistic(),
            r.factor());
      }
      out.add(new Claim(c.text(), c.variant(), where, metric, c.statistic(), c.op(), c.value(), than));
    }
    return out;
  }

  /** A claim's where with its values replaced by the equal swept values (names for named points). */
  private Map<String, Object> swept(Map<String, Object> where, Map<String, List<SweepValue>> sweep) {
    Map<String, Object> out = new LinkedHashMap<>();
    where.forEach((k, x) -> out.put(k, sweep.get(k).stream()
        .filter(s -> s.label().equals(Json.scalarText(mapper().valueToTree(x))))
        .findFirst().map(s -> mapper().convertValue(s.identity(), Object.class)).orElseThrow()));
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
