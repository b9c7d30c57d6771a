package org.rnnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.Measures;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.SeriesRow;
import org.rnnlab.results.TextRow;
import org.rnnlab.results.TrialResult;

/**
 * Synthetic results directories written through {@link ResultsStore}, the runner's own writer.
 * The numbers are chosen so that the statistics have closed forms: e.g. rnn at seq_len=50 has
 * mse 0.10, 0.12, 0.14, so mean 0.12 and sd 0.02.
 */
public final class Fixture {
  static final double BASELINE = 1.0 / 6;
  static final String SHA = "c".repeat(64);
  /** The charts a spec gets by default. */
  static final List<ChartConfig> CHARTS = List.of(new FinalMetricChart.Config(null), new LearningCurveChart.Config(null));

  private Fixture() {}

  /** A plan and the directory holding its results. */
  public record Run(PlanRecord plan, Path dir) {
    /** The same run with the plan's claims replaced. */
    Run withClaims(List<PlanRecord.Claim> claims) {
      PlanRecord p = plan;
      return new Run(new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(), p.description(),
          p.mainMetric(), p.lowerIsBetter(), p.variants(), p.sweep(), p.seeds(), p.groups(), p.trials(),
          p.published(), claims, p.codeVersion(), p.command()), dir);
    }

    /** The same run with the plan's report.headline_columns set. */
    Run withHeadlineColumns(String columns) {
      PlanRecord p = plan;
      return new Run(new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(), p.description(),
          p.mainMetric(), p.lowerIsBetter(), p.variants(), p.sweep(), p.factors(), p.seeds(), p.groups(), p.trials(),
          p.published(), p.claims(), p.codeVersion(), p.command(), columns), dir);
    }
  }

  /**
   * 2 variants (rnn, lstm) x 2 sweep points (seq_len 50, 100) x 3 seeds. Trial
   * rnn__seq_len-100__s2 diverged at step 150; lstm__seq_len-100__s2 has no result.
   */
  static Run sweep(Path dir) throws IOException {
    return sweep(dir, false);
  }

  /**
   * {@link #sweep} with what every chart type reads: the settings model.hidden_size (= seq_len),
   * model.cell.spectral_radius (seq_len / 100) and training.batch_size (rnn 4, lstm 64) in each config, the
   * final metric success (mse < 0.1), and for each ok trial the diagnostics' series and a free run.
   */
  static Run everyMeasure(Path dir) throws IOException {
    return sweep(dir, true);
  }

  private static Run sweep(Path dir, boolean every) throws IOException {
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (String v : List.of("rnn", "lstm")) {
      for (int len : new int[] {50, 100}) {
        groups.add(group(v + " seq_len=" + len, v, Map.of("task.seq_len", len)));
        for (int s = 0; s < 3; s++) {
          PlanRecord.PlannedTrial t = planned(trials.size(), trialId(v, len, s), v + " seq_len=" + len, v,
              Map.of("task.seq_len", len), s);
          if (every) {
            ObjectNode c = (ObjectNode) t.config();
            ObjectNode model = c.putObject("model").put("hidden_size", len);
            model.putObject("cell").put("spectral_radius", len / 100.0);
            c.putObject("training").put("batch_size", v.equals("rnn") ? 4 : 64);
          }
          trials.add(t);
        }
      }
    }
    groups = List.of(groups.get(0), groups.get(2), groups.get(1), groups.get(3)); // point-major, as the tests read
    List<PlanRecord.Claim> claims = List.of(
        claim("LSTM reaches mse < 0.05 at seq_len=100", "lstm", Map.of("task.seq_len", 100), "mean", "<", 0.05),
        claim("RNN reaches mse < 0.1 at seq_len=100", "rnn", Map.of("task.seq_len", 100), "mean", "<", 0.1),
        claim("Every LSTM seed has mse <= 0.04", "lstm", Map.of(), "max", "<=", 0.04),
        claim("GRU reaches mse < 0.05", "gru", Map.of(), "mean", "<", 0.05));
    PlanRecord plan = plan("toy-sweep", "ci", groups, trials, Map.of("task.seq_len", List.of(50, 100)), claims);
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    trial(store, plan, "rnn", 50, 0, 0.10, every);
    trial(store, plan, "rnn", 50, 1, 0.12, every);
    trial(store, plan, "rnn", 50, 2, 0.14, every);
    trial(store, plan, "lstm", 50, 0, 0.01, every);
    trial(store, plan, "lstm", 50, 1, 0.02, every);
    trial(store, plan, "lstm", 50, 2, 0.03, every);
    trial(store, plan, "rnn", 100, 0, 0.15, every);
    trial(store, plan, "rnn", 100, 1, 0.17, every);
    write(store, plan, trialId("rnn", 100, 2), "diverged", 150L, Double.NaN, every);
    trial(store, plan, "lstm", 100, 0, 0.02, every);
    trial(store, plan, "lstm", 100, 1, 0.04, every);
    return new Run(plan, dir);
  }

  /** 2 variants without a sweep, 3 seeds each, all ok. */
  static Run noSweep(Path dir) throws IOException {
    List<PlanRecord.Group> groups = List.of(group("rnn", "rnn", Map.of()), group("lstm", "lstm", Map.of()));
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (String v : List.of("rnn", "lstm")) {
      for (int s = 0; s < 3; s++) {
        trials.add(planned(trials.size(), v + "__s" + s, v, v, Map.of(), s));
      }
    }
    PlanRecord plan = plan("toy-flat", null, groups, trials, Map.of(), List.of());
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    double[][] mse = {{0.11, 0.12, 0.13}, {0.001, 0.002, 0.0015}};
    for (int g = 0; g < 2; g++) {
      for (int s = 0; s < 3; s++) {
        write(store, plan, (g == 0 ? "rnn" : "lstm") + "__s" + s, "ok", null, mse[g][s]);
      }
    }
    return new Run(plan, dir);
  }

  /** The lines of an xz-compressed text file. */
  static List<String> xzLines(Path file) throws IOException {
    try (java.io.InputStream in = new org.tukaani.xz.XZInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
  }

  /**
   * {@code n} variants without a sweep, named like clipping-variants' ("global_norm_07"), 3 seeds each,
   * all ok: variant v has mse 0.01 (v + 1) + 0.001 s.
   */
  static Run manyVariants(Path dir, int n) throws IOException {
    return manyVariants(dir, n, "global_norm_%02d");
  }

  /** As {@link #manyVariants(Path, int)}, the variants named by {@code format} of their index. */
  static Run manyVariants(Path dir, int n, String format) throws IOException {
    List<String> variants = new ArrayList<>();
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      String name = String.format(java.util.Locale.ROOT, format, v);
      variants.add(name);
      groups.add(group(name, name, Map.of()));
      for (int s = 0; s < 3; s++) {
        trials.add(planned(trials.size(), name + "__s" + s, name, name, Map.of(), s));
      }
    }
    PlanRecord p = plan("toy-many", "ci", groups, trials, Map.of(), List.of());
    PlanRecord plan = new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(), p.description(),
        p.mainMetric(), p.lowerIsBetter(), variants, p.sweep(), p.seeds(), p.groups(), p.trials(), p.published(),
        p.claims(), p.codeVersion(), p.command());
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    for (int v = 0; v < n; v++) {
      for (int s = 0; s < 3; s++) {
        write(store, plan, variants.get(v) + "__s" + s, "ok", null, 0.01 * (v + 1) + 0.001 * s);
      }
    }
    return new Run(plan, dir);
  }

  /**
   * Variants generated by factors model (rnn "tanh RNN", lstm "LSTM") x order (seq "sequential", perm "permuted";
   * seq's tag is "") without a sweep, 3 seeds each; lstm_perm's mse is the lowest (0.01, 0.011, 0.012).
   */
  public static Run factors(Path dir) throws IOException {
    List<PlanRecord.Factor> factors = List.of(
        new PlanRecord.Factor("model", List.of(new PlanRecord.Level("rnn", "tanh RNN"),
            new PlanRecord.Level("lstm", "LSTM"))),
        new PlanRecord.Factor("order", List.of(new PlanRecord.Level("seq", "sequential"),
            new PlanRecord.Level("perm", "permuted"))));
    List<String> variants = new ArrayList<>();
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (String m : List.of("rnn", "lstm")) {
      for (String o : List.of("seq", "perm")) {
        String name = o.equals("seq") ? m : m + "_" + o;
        variants.add(name);
        PlanRecord.Group g = group(name, name, Map.of());
        groups.add(new PlanRecord.Group(g.group(), g.variant(), g.point(), g.task(), g.baseline(),
            g.baselineDescription(), g.metrics(), Map.of("model", m, "order", o)));
        for (int s = 0; s < 3; s++) {
          trials.add(planned(trials.size(), name + "__s" + s, name, name, Map.of(), s));
        }
      }
    }
    PlanRecord p = plan("toy-factors", null, groups, trials, Map.of(), List.of());
    PlanRecord plan = new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(), p.description(),
        p.mainMetric(), p.lowerIsBetter(), variants, p.sweep(), factors, p.seeds(), p.groups(), p.trials(),
        p.published(), p.claims(), p.codeVersion(), p.command());
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    double[] base = {0.2, 0.15, 0.05, 0.01};
    for (int v = 0; v < variants.size(); v++) {
      for (int s = 0; s < 3; s++) {
        write(store, plan, variants.get(v) + "__s" + s, "ok", null, base[v] + 0.001 * s);
      }
    }
    return new Run(plan, dir);
  }

  /** The beam widths whose test metrics {@link #pairs} records (test_beamB.accuracy). */
  static final int[] PAIR_BEAMS = {1, 4};
  /** The attention maps each ok attn trial of {@link #pairs} recorded: example k has a source of 3 + k symbols. */
  static final int PAIR_MAPS = 3;
  /** The update at which {@link #pairs} recorded the attention maps (the last). */
  static final long PAIR_FINAL_STEP = 300;

  /**
   * Results of a sequence-to-sequence experiment, as the seq2seq procedure records them: variants last (the
   * encoder's last state as context) and attn (with attention) without a sweep, 3 seeds each, main metric accuracy;
   * attn__s0 diverged (no metrics, no attention maps). Every ok trial has the final metrics
   * set per beam width of {@link #PAIR_BEAMS} (test_beam1.accuracy, ...); every ok attn trial has
   * {@link #PAIR_MAPS} attention maps: series attention.k with the weights {@link #attention} and the text
   * attention with its source and output symbols.
   */
  static Run pairs(Path dir) throws IOException {
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (String v : List.of("last", "attn")) {
      groups.add(new PlanRecord.Group(v, v, Map.of(), "sequence reversal", Map.of(), "none",
          List.of("loss", "accuracy", "token_error_rate")));
      for (int s = 0; s < 3; s++) {
        trials.add(planned(trials.size(), v + "__s" + s, v, v, Map.of(), s));
      }
    }
    PlanRecord p = plan("toy-pairs", "ci", groups, trials, Map.of(), List.of());
    PlanRecord plan = new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(), p.description(),
        "accuracy", false, List.of("last", "attn"), p.sweep(), p.seeds(), p.groups(), p.trials(), List.of(),
        List.of(), p.codeVersion(), p.command());
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    Provenance prov = new Provenance("a".repeat(64), "abc1234", "OpenJDK 17.0.15", "Linux amd64", "Test CPU", "host",
        1, 2.5);
    for (PlanRecord.PlannedTrial t : trials) {
      boolean attn = t.variant().equals("attn");
      boolean ok = !(attn && t.seedIndex() == 0);
      Map<String, Double> metrics = new LinkedHashMap<>();
      List<SeriesRow> series = new ArrayList<>();
      List<TextRow> texts = new ArrayList<>();
      if (ok) {
        for (String set : List.of("test", "long", "xlong")) {
          metrics.put(Measures.ofSet(set, "accuracy"), pairAccuracy(t.variant(), t.seedIndex(), set));
        }
        for (int b : PAIR_BEAMS) {
          metrics.put(Measures.ofSet("test_beam" + b, "accuracy"), pairAccuracy(t.variant(), t.seedIndex(), "test")
              + 0.01 * b);
        }
      }
      if (ok && attn) {
        for (int k = 0; k < PAIR_MAPS; k++) {
          int cols = 3 + k;
          double[][] a = attention(t.seedIndex(), k);
          for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < cols; j++) {
              series.add(new SeriesRow("attention." + k, PAIR_FINAL_STEP, r * cols + j, a[r][j]));
            }
          }
          StringBuilder src = new StringBuilder();
          StringBuilder out = new StringBuilder();
          for (int j = 0; j < cols; j++) {
            src.append(j == 0 ? "" : " ").append((char) ('a' + j));
            out.append((char) ('a' + cols - 1 - j)).append(' ');
          }
          Map<String, Double> values = new LinkedHashMap<>();
          values.put("example", (double) k);
          values.put("rows", (double) a.length);
          values.put("cols", (double) cols);
          texts.add(new TextRow("attention", PAIR_FINAL_STEP, values, src + "\n" + out + "</s>"));
        }
      }
      TrialResult r = new TrialResult(TrialResult.FORMAT, t.trial(), t.group(), t.variant(), t.point(), t.seedIndex(),
          t.seed(), t.testSeed(), t.configSha256(), ok ? "ok" : "diverged", ok ? null : 120L, metrics, null, prov);
      store.writeTrial(r, ResultsJson.pretty(t.config()), List.of(), series, texts, Map.of());
    }
    return new Run(plan, dir);
  }

  /**
   * The accuracy {@link #pairs} records for {@code variant} and {@code seed} on {@code set} (test, long, xlong):
   * last 0.9, 0.5, 0.2 and attn 0.95, 0.85, 0.7, each shifted by 0.03, -0.02, 0 for seeds 0, 1, 2.
   */
  static double pairAccuracy(String variant, int seed, String set) {
    int i = List.of("test", "long", "xlong").indexOf(set);
    double[] base = variant.equals("last") ? new double[] {0.9, 0.5, 0.2} : new double[] {0.95, 0.85, 0.7};
    return base[i] + new double[] {0.03, -0.02, 0.0}[seed];
  }

  /**
   * The attention weights {@link #pairs} records for example {@code k} of a trial of seed {@code seed}, [output
   * step][source position]: 3 + k source symbols reversed, then the end symbol; output step t (before the end)
   * puts 0.6 + 0.1 seed on source position cols - 1 - t and spreads the rest evenly; the end symbol's row is uniform.
   */
  static double[][] attention(int seed, int k) {
    int cols = 3 + k;
    double[][] a = new double[cols + 1][cols];
    double peak = 0.6 + 0.1 * seed;
    for (int t = 0; t < cols; t++) {
      java.util.Arrays.fill(a[t], (1 - peak) / (cols - 1));
      a[t][cols - 1 - t] = peak;
    }
    java.util.Arrays.fill(a[cols], 1.0 / cols);
    return a;
  }

  private static PlanRecord plan(String name, String profile, List<PlanRecord.Group> groups,
                                 List<PlanRecord.PlannedTrial> trials, Map<String, List<Object>> sweep,
                                 List<PlanRecord.Claim> claims) {
    return new PlanRecord(PlanRecord.FORMAT, name, profile, "experiments/" + name + ".json", "a".repeat(64),
        "Does gating help_on a *toy* copy task? See [paper] | <b>x</b>", "mse", true, List.of("rnn", "lstm"),
        sweep, 3, groups, trials,
        List.of(new PlanRecord.Published("LSTM solves the adding problem at T=100", "mse < 0.05",
            "Hochreiter & Schmidhuber 1997")),
        claims, "abc1234", "make experiment NAME=" + name);
  }

  private static PlanRecord.Group group(String label, String variant, Map<String, Object> point) {
    return new PlanRecord.Group(label, variant, point, "adding problem", Map.of("mse", BASELINE),
        "always predict 1: MSE = 1/6", List.of("loss", "mse", "solved_fraction"));
  }

  private static PlanRecord.PlannedTrial planned(int index, String id, String group, String variant,
                                                 Map<String, Object> point, int seedIndex) {
    JsonNode config = ResultsJson.mapper().createObjectNode().put("trial", id);
    return new PlanRecord.PlannedTrial(index, id, group, variant, point, seedIndex, 1000L + seedIndex, 7L, SHA, config);
  }

  private static PlanRecord.Claim claim(
      String text, String variant, Map<String, Object> where, String statistic, String op, double value) {
    return new PlanRecord.Claim(text, variant, where, "mse", statistic, op, value, null);
  }

  static String trialId(String variant, int len, int seed) {
    return variant + "__seq_len-" + len + "__s" + seed;
  }

  private static void trial(ResultsStore store, PlanRecord plan, String variant, int len, int seed, double mse,
                            boolean every) throws IOException {
    write(store, plan, trialId(variant, len, seed), "ok", null, mse, every);
  }

  /**
   * One trial. Metrics: loss = 2 mse, mse, solved_fraction = 1 - mse. The curve of an ok trial
   * goes 10 mse, 3 mse, mse at steps 0, 100, 200; a diverged one 0.5, Infinity, NaN.
   */
  static void write(ResultsStore store, PlanRecord plan, String id, String status, Long divergedAt, double mse)
      throws IOException {
    write(store, plan, id, status, divergedAt, mse, false);
  }

  /** As above; {@code every}: with the metric and series of {@link #everyMeasure(Path)}. */
  private static void write(ResultsStore store, PlanRecord plan, String id, String status, Long divergedAt,
                            double mse, boolean every) throws IOException {
    PlanRecord.PlannedTrial t = plan.trials().stream().filter(x -> x.trial().equals(id)).findFirst().orElseThrow();
    Map<String, Double> metrics = new LinkedHashMap<>();
    boolean ok = status.equals("ok");
    if (ok) {
      metrics.put("loss", 2 * mse);
      metrics.put("mse", mse);
      metrics.put("solved_fraction", 1 - mse);
      if (every) {
        metrics.put(Measures.SUCCESS, mse < 0.1 ? 1.0 : 0.0);
      }
    }
    Provenance prov = new Provenance("a".repeat(64), "abc1234", "OpenJDK 17.0.15", "Linux amd64", "Test CPU", "host",
        1, 2.5);
    TrialResult r = new TrialResult(TrialResult.FORMAT, id, t.group(), t.variant(), t.point(), t.seedIndex(), t.seed(),
        t.testSeed(), t.configSha256(), status, divergedAt, metrics, null, prov);
    List<CurveRow> curve = new ArrayList<>();
    double[] values = ok ? new double[] {10 * mse, 3 * mse, mse} : new double[] {0.5, Double.POSITIVE_INFINITY, Double.NaN};
    for (int i = 0; i < 3; i++) {
      curve.add(new CurveRow(100L * i, "loss", 2 * values[i]));
      curve.add(new CurveRow(100L * i, "mse", values[i]));
    }
    List<SeriesRow> series = new ArrayList<>();
    if (every && ok) {
      double k = 1 + t.seedIndex();
      for (long step : new long[] {0, 200}) {
        add(series, Measures.flowHidden(0), step, k, k / 2, k / 4);
      }
      for (long step : new long[] {0, 100, 200}) {
        add(series, Measures.spectrum(Measures.RADIUS, Measures.RECURRENT_WEIGHT_L0), step, 0.9 + step * mse / 100);
      }
      add(series, Measures.clipThreshold("max_norm"), 0, 1.0);
      for (long step = 1; step <= 3; step++) {
        add(series, Measures.CLIP_NORM_BEFORE, step, step * k);
        add(series, Measures.CLIP_NORM_AFTER, step, Math.min(1.0, step * k));
        add(series, Measures.CLIP_FIRED, step, step * k > 1.0 ? 1.0 : 0.0);
      }
      add(series, Measures.FREE_RUN_TRUTH, 0, 0.0, 1.0, 2.0, 3.0);
      add(series, Measures.FREE_RUN_PREDICTION, 0, mse, 1.0 + mse, 2.0 + mse, 3.0 + mse);
    }
    store.writeTrial(r, ResultsJson.pretty(t.config()), curve, series);
  }

  private static void add(List<SeriesRow> rows, String name, long step, double... values) {
    for (int i = 0; i < values.length; i++) {
      rows.add(new SeriesRow(name, step, i, values[i]));
    }
  }
}
