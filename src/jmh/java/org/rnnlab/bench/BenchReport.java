package org.rnnlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JMH JSON of {@link TrainStepBenchmark} into a Markdown table of sequence-steps per
 * second (batch * T per second), training step and forward pass side by side, next to the PyTorch
 * figures quoted in issue #2 and the targets (a JSON of other benchmarks only, e.g.
 * {@link LanguageModelBenchmark}, gives a plain table of their scores); and, when there is a JMH JSON of
 * {@code org.rnnlab.bench.pytorch.PyTorchTrainStepBenchmark} ({@code make bench-pytorch}), next to
 * PyTorch's training step measured on this machine.
 *
 * <p>Usage: {@code BenchReport target/jmh.json [out.md [jmh-pytorch.json]]}; prints the table and
 * writes it to out.md if given. PyTorch's columns appear only when its JSON is given; either JSON
 * may be missing, not both. From Maven:
 * {@code mvn -q -B -o exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.rnnlab.bench.BenchReport -Dexec.args="target/jmh.json target/jmh.md"}.
 */
public final class BenchReport {
  private BenchReport() {}

  static final String PYTORCH_BENCHMARK = "org.rnnlab.bench.pytorch.PyTorchTrainStepBenchmark";

  /**
   * PyTorch 1.13 CPU, float32, one thread, as quoted in issue #2 (measured on the issue author's
   * machine, not here): training sequence-steps per second (batch 32, T = 100, input 2), and the
   * target ratio ours / PyTorch.
   */
  record Reference(double pytorch, double targetRatio) {}

  static final Map<String, Reference> REFERENCE = Map.of(
      "lstm/2/32", new Reference(318_000, 2.0),
      "lstm/2/128", new Reference(80_000, 1.0),
      "lstm/2/512", new Reference(8_500, 0.75),
      "gru/2/128", new Reference(98_000, Double.NaN));

  static final class Row {
    double train = Double.NaN;
    double trainErr = Double.NaN;
    double forward = Double.NaN;
    double forwardErr = Double.NaN;
    /** Our float32 engine's training step ({@code -p precision=float32}). */
    double train32 = Double.NaN;
    double train32Err = Double.NaN;
    /** PyTorch's training step measured here, by "dtype/onednn" ("float32/on", ...). */
    final Map<String, Double> pytorch = new TreeMap<>();

    double pytorch(String dtype, String onednn) {
      return pytorch.getOrDefault(dtype + "/" + onednn, Double.NaN);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: BenchReport jmh.json [out.md [jmh-pytorch.json]]");
      System.exit(2);
    }
    Path ours = Path.of(args[0]);
    // PyTorch's figures only when asked for: a stale file from another run must not slip in
    Path pytorch = args.length > 2 ? Path.of(args[2]) : null;
    boolean haveOurs = Files.exists(ours);
    boolean havePytorch = pytorch != null && Files.exists(pytorch);
    if (!haveOurs && !havePytorch) {
      System.err.println("BenchReport: " + ours + " does not exist" + (pytorch == null ? "" : ", nor " + pytorch));
      System.exit(2);
    }
    Map<String, Row> rows = new TreeMap<>(BenchReport::compareKeys);
    if (haveOurs) {
      readOurs(new ObjectMapper().readTree(ours.toFile()), rows);
    } else {
      System.err.println("BenchReport: no " + ours + " (make bench); PyTorch columns only");
    }
    if (havePytorch) {
      readPytorch(new ObjectMapper().readTree(pytorch.toFile()), rows);
    }
    // another benchmark's JSON (make bench BENCH=LanguageModelBenchmark, ...): its scores as JMH gives them
    String md = rows.isEmpty() && haveOurs ? otherTable(new ObjectMapper().readTree(ours.toFile()))
        : table(rows, havePytorch ? pytorch.toString() : null);
    System.out.print(md);
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), md, StandardCharsets.UTF_8);
    }
  }

  private static String key(JsonNode params) {
    return params.path("cell").asText() + "/" + params.path("input").asText() + "/" + params.path("hidden").asText();
  }

  /** Adds the scores of {@link TrainStepBenchmark} in a JMH JSON array to {@code rows}. */
  static void readOurs(JsonNode root, Map<String, Row> rows) {
    for (JsonNode r : root) {
      String bench = r.path("benchmark").asText();
      if (!bench.startsWith(TrainStepBenchmark.class.getName() + ".")) {
        continue;
      }
      Row row = rows.computeIfAbsent(key(r.path("params")), k -> new Row());
      double score = r.path("primaryMetric").path("score").asDouble();
      double err = r.path("primaryMetric").path("scoreError").asDouble(Double.NaN);
      if (r.path("params").path("precision").asText("float64").equals("float32")) {
        if (bench.endsWith(".train")) {
          row.train32 = score;
          row.train32Err = err;
        }
      } else if (bench.endsWith(".train")) {
        row.train = score;
        row.trainErr = err;
      } else if (bench.endsWith(".forward")) {
        row.forward = score;
        row.forwardErr = err;
      }
    }
  }

  /** Adds the training-step scores of the PyTorch benchmark in a JMH JSON array to {@code rows}. */
  static void readPytorch(JsonNode root, Map<String, Row> rows) {
    for (JsonNode r : root) {
      if (!r.path("benchmark").asText().equals(PYTORCH_BENCHMARK + ".train")) {
        continue;
      }
      JsonNode p = r.path("params");
      Row row = rows.computeIfAbsent(key(p), k -> new Row());
      row.pytorch.put(p.path("dtype").asText() + "/" + p.path("onednn").asText(),
          r.path("primaryMetric").path("score").asDouble());
    }
  }

  /**
   * The Markdown table; {@code pytorchSource} names the JSON of PyTorch measured here, or is null
   * when there is none, and then the measured columns are left out.
   */
  static String table(Map<String, Row> rows, String pytorchSource) {
    boolean measured = pytorchSource != null;
    boolean f32 = rows.values().stream().anyMatch(r -> !Double.isNaN(r.train32));
    StringBuilder sb = new StringBuilder();
    sb.append("Sequence-steps per second (batch 32 x T 100 per op), one thread; ours in double precision")
        .append(f32 ? " (train, forward) and in float32 (train f32)" : "").append("; ")
        .append("last-step readout, 1 output, MSE; train = forward + full BPTT + SGD update.\n");
    if (measured) {
      sb.append("PyTorch measured here (").append(pytorchSource).append(", `make bench-pytorch`): ")
          .append("libtorch through the JavaCPP presets (versions pinned in pom.xml, profile `pytorch`), same protocol, machine and thread count; training step; ")
          .append("f32 = float32 with oneDNN on (PyTorch's default), f32 no oneDNN = float32 with oneDNN off, ")
          .append("f64 = float64 (the better of its runs with oneDNN on and off, which time the same code); ours / PyTorch f32 compares with the first.\n");
    }
    sb.append("PyTorch 1.13 (quoted): the figures quoted in issue #2, PyTorch 1.13 CPU float32, one thread, ")
        .append("measured on the issue author's machine, not here; target and met refer to them.\n\n");
    sb.append("| cell | input | hidden | train steps/s | forward steps/s |");
    if (f32) {
      sb.append(" train f32 steps/s | f32 / f64 |");
    }
    if (measured) {
      sb.append(" PyTorch f32 train | PyTorch f32 no oneDNN | PyTorch f64 train | ours / PyTorch f32 |");
      if (f32) {
        sb.append(" ours f32 / PyTorch f32 | ours f64 / PyTorch f64 |");
      }
    }
    sb.append(" PyTorch 1.13 train (quoted) | ours / quoted | target | met |\n");
    sb.append("|---|---:|---:|---:|---:|");
    if (f32) {
      sb.append("---:|---:|");
    }
    if (measured) {
      sb.append("---:|---:|---:|---:|");
      if (f32) {
        sb.append("---:|---:|");
      }
    }
    sb.append("---:|---:|---:|:---:|\n");
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      String[] k = e.getKey().split("/");
      Row r = e.getValue();
      Reference ref = REFERENCE.get(e.getKey());
      String pt = ref == null ? "" : fmt(ref.pytorch());
      String ratio = ref == null ? "" : ratio(r.train, ref.pytorch());
      String target = ref == null || Double.isNaN(ref.targetRatio()) ? "" : String.format("%.2f", ref.targetRatio());
      String met = ref == null || Double.isNaN(ref.targetRatio()) || Double.isNaN(r.train) ? ""
          : (r.train / ref.pytorch() >= ref.targetRatio() ? "yes" : "no");
      sb.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(k[2])
          .append(" | ").append(fmtErr(r.train, r.trainErr))
          .append(" | ").append(fmtErr(r.forward, r.forwardErr));
      if (f32) {
        sb.append(" | ").append(fmtErr(r.train32, r.train32Err)).append(" | ").append(ratio(r.train32, r.train));
      }
      if (measured) {
        // float64 never takes oneDNN's path, so its two runs time the same code: the better one
        double f64 = better(r.pytorch("float64", "on"), r.pytorch("float64", "off"));
        sb.append(" | ").append(fmtOrBlank(r.pytorch("float32", "on")))
            .append(" | ").append(fmtOrBlank(r.pytorch("float32", "off")))
            .append(" | ").append(fmtOrBlank(f64))
            .append(" | ").append(ratio(r.train, r.pytorch("float32", "on")));
        if (f32) {
          sb.append(" | ").append(ratio(r.train32, r.pytorch("float32", "on")))
              .append(" | ").append(ratio(r.train, f64));
        }
      }
      sb.append(" | ").append(pt).append(" | ").append(ratio).append(" | ").append(target)
          .append(" | ").append(met).append(" |\n");
    }
    return sb.toString();
  }

  /** Every result of a JMH JSON array, one row each: benchmark, parameters, score ± error and unit. */
  static String otherTable(JsonNode root) {
    StringBuilder sb = new StringBuilder("One thread; scores as JMH reports them (see each benchmark's class comment "
        + "for what an operation is).\n\n| benchmark | parameters | score | unit |\n|---|---|---:|---|\n");
    for (JsonNode r : root) {
      StringBuilder params = new StringBuilder();
      r.path("params").fields().forEachRemaining(e -> params.append(params.length() == 0 ? "" : ", ")
          .append(e.getKey()).append('=').append(e.getValue().asText()));
      JsonNode m = r.path("primaryMetric");
      String name = r.path("benchmark").asText().replaceFirst("^org\\.rnnlab\\.bench\\.", "");
      sb.append("| ").append(name).append(" | ").append(params).append(" | ")
          .append(fmtErr(m.path("score").asDouble(), m.path("scoreError").asDouble(Double.NaN)))
          .append(" | ").append(m.path("scoreUnit").asText()).append(" |\n");
    }
    return sb.toString();
  }

  private static String ratio(double ours, double theirs) {
    return Double.isNaN(ours) || Double.isNaN(theirs) ? "" : String.format("%.2f", ours / theirs);
  }

  private static int compareKeys(String a, String b) {
    String[] x = a.split("/");
    String[] y = b.split("/");
    int c = Integer.compare(cellOrder(x[0]), cellOrder(y[0]));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    return c != 0 ? c : Integer.compare(Integer.parseInt(x[2]), Integer.parseInt(y[2]));
  }

  private static int cellOrder(String cell) {
    switch (cell) {
      case "elman": return 0;
      case "lstm": return 1;
      case "gru": return 2;
      default: return 3;
    }
  }

  private static String fmt(double v) {
    return String.format("%,.0f", v);
  }

  private static String fmtOrBlank(double v) {
    return Double.isNaN(v) ? "" : fmt(v);
  }

  /** The larger of two scores, either of which may be missing (NaN). */
  private static double better(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static String fmtErr(double v, double err) {
    if (Double.isNaN(v)) {
      return "";
    }
    return Double.isNaN(err) ? fmt(v) : fmt(v) + " ± " + fmt(err);
  }
}
