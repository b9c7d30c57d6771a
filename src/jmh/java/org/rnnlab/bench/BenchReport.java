package org.rnnlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JMH JSON of {@link TrainStepBenchmark} into a Markdown table of sequence-steps per
 * second (batch * T per second), training step and forward pass side by side, next to the PyTorch
 * reference figures and the targets.
 *
 * <p>Usage: {@code BenchReport target/jmh.json [out.md]}; prints the table and writes it to out.md
 * if given. From Maven:
 * {@code mvn -q -B -o exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.rnnlab.bench.BenchReport -Dexec.args="target/jmh.json target/jmh.md"}.
 */
public final class BenchReport {
  private BenchReport() {}

  /**
   * PyTorch 1.13 CPU, float32, one thread, measured on the benchmark machine: training
   * sequence-steps per second (batch 32, T = 100, input 2), and the target ratio ours / PyTorch.
   */
  record Reference(double pytorch, double targetRatio) {}

  static final Map<String, Reference> REFERENCE = Map.of(
      "lstm/2/32", new Reference(318_000, 2.0),
      "lstm/2/128", new Reference(80_000, 1.0),
      "lstm/2/512", new Reference(8_500, 0.75),
      "gru/2/128", new Reference(98_000, Double.NaN));

  private static final class Row {
    double train = Double.NaN;
    double trainErr = Double.NaN;
    double forward = Double.NaN;
    double forwardErr = Double.NaN;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: BenchReport jmh.json [out.md]");
      System.exit(2);
    }
    JsonNode root = new ObjectMapper().readTree(new File(args[0]));
    Map<String, Row> rows = new TreeMap<>(BenchReport::compareKeys);
    for (JsonNode r : root) {
      String bench = r.path("benchmark").asText();
      if (!bench.startsWith(TrainStepBenchmark.class.getName() + ".")) {
        continue;
      }
      JsonNode p = r.path("params");
      String key = p.path("cell").asText() + "/" + p.path("input").asText() + "/" + p.path("hidden").asText();
      Row row = rows.computeIfAbsent(key, k -> new Row());
      double score = r.path("primaryMetric").path("score").asDouble();
      double err = r.path("primaryMetric").path("scoreError").asDouble(Double.NaN);
      if (bench.endsWith(".train")) {
        row.train = score;
        row.trainErr = err;
      } else if (bench.endsWith(".forward")) {
        row.forward = score;
        row.forwardErr = err;
      }
    }
    String md = table(rows);
    System.out.print(md);
    if (args.length > 1) {
      Files.writeString(Path.of(args[1]), md, StandardCharsets.UTF_8);
    }
  }

  static String table(Map<String, Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("Sequence-steps per second (batch 32 x T 100 per op), one thread, double precision; ")
        .append("last-step readout, 1 output, MSE; train = forward + full BPTT + SGD update.\n")
        .append("PyTorch: 1.13 CPU float32, one thread, training step, same machine.\n\n");
    sb.append("| cell | input | hidden | train steps/s | forward steps/s | PyTorch train | ours / PyTorch | target | met |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      String[] k = e.getKey().split("/");
      Row r = e.getValue();
      Reference ref = REFERENCE.get(e.getKey());
      String pt = ref == null ? "" : fmt(ref.pytorch());
      String ratio = ref == null || Double.isNaN(r.train) ? "" : String.format("%.2f", r.train / ref.pytorch());
      String target = ref == null || Double.isNaN(ref.targetRatio()) ? "" : String.format("%.2f", ref.targetRatio());
      String met = ref == null || Double.isNaN(ref.targetRatio()) || Double.isNaN(r.train) ? ""
          : (r.train / ref.pytorch() >= ref.targetRatio() ? "yes" : "no");
      sb.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(k[2])
          .append(" | ").append(fmtErr(r.train, r.trainErr))
          .append(" | ").append(fmtErr(r.forward, r.forwardErr))
          .append(" | ").append(pt).append(" | ").append(ratio).append(" | ").append(target)
          .append(" | ").append(met).append(" |\n");
    }
    return sb.toString();
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

  private static String fmtErr(double v, double err) {
    if (Double.isNaN(v)) {
      return "";
    }
    return Double.isNaN(err) ? fmt(v) : fmt(v) + " ± " + fmt(err);
  }
}
