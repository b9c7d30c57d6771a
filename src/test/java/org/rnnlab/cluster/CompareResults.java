package org.rnnlab.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;

/**
 * Whether two results directories of one plan hold the same numbers bit for bit (a Slurm run against a local
 * run, in scripts/slurm-integration.sh): the same planned trials, each done in both, every file of a trial
 * (config.json, curve.csv, series.csv, ...) byte for byte, and result.json equal but for its provenance (host, wall
 * time, code version), with every final metric compared by its bits.
 *
 * <p>{@code java -cp target/test-classes:target/rnnlab.jar:target/lib/* org.rnnlab.cluster.CompareResults A B}
 * prints one line per trial and a verdict; exit 0 if identical, 1 if not, 2 for unreadable input.
 */
public final class CompareResults {
  private CompareResults() {}

  /** What a comparison found: the trials compared, the files compared byte for byte, the differences. */
  public record Outcome(int trials, int files, int metrics, List<String> differences) {
    /** Whether nothing differs. */
    public boolean identical() {
      return differences.isEmpty();
    }
  }

  /** Compares; prints each trial and the verdict. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CompareResults RESULTS_DIR_A RESULTS_DIR_B");
      System.exit(2);
    }
    Outcome o = compare(Path.of(args[0]), Path.of(args[1]));
    o.differences().forEach(d -> System.out.println("DIFFERS: " + d));
    System.out.println((o.identical() ? "identical" : "NOT identical") + ": " + args[0] + " and " + args[1] + ": "
        + o.trials() + " trials, " + o.files() + " files byte for byte, " + o.metrics()
        + " final metrics bit for bit" + (o.identical() ? "" : "; " + o.differences().size() + " difference(s)"));
    System.exit(o.identical() ? 0 : 1);
  }

  /** Compares results directories {@code a} and {@code b}. */
  public static Outcome compare(Path a, Path b) throws IOException {
    ResultsStore sa = new ResultsStore(a);
    ResultsStore sb = new ResultsStore(b);
    PlanRecord pa = sa.readPlan();
    PlanRecord pb = sb.readPlan();
    List<String> diffs = new ArrayList<>();
    List<String> ta = pa.trials().stream().map(t -> t.trial() + " " + t.configSha256()).toList();
    List<String> tb = pb.trials().stream().map(t -> t.trial() + " " + t.configSha256()).toList();
    if (!ta.equals(tb)) {
      diffs.add("the plans differ: " + ta + " vs " + tb);
      return new Outcome(0, 0, 0, diffs);
    }
    int files = 0;
    int metrics = 0;
    for (PlanRecord.PlannedTrial t : pa.trials()) {
      ResultsStore.Inspection ia = sa.inspect(t.trial(), t.configSha256());
      ResultsStore.Inspection ib = sb.inspect(t.trial(), t.configSha256());
      if (ia.state() != ResultsStore.State.DONE || ib.state() != ResultsStore.State.DONE) {
        diffs.add(t.trial() + ": not done in both (" + ia.state() + ", " + ib.state() + ")");
        continue;
      }
      Path da = a.resolve(t.trial());
      Path db = b.resolve(t.trial());
      TreeSet<String> names = new TreeSet<>(list(da));
      if (!names.equals(new TreeSet<>(list(db)))) {
        diffs.add(t.trial() + ": different files " + names + " vs " + list(db));
        continue;
      }
      for (String f : names) {
        if (f.equals(ResultsStore.RESULT)) {
          continue;
        }
        files++;
        if (!Arrays.equals(Files.readAllBytes(da.resolve(f)), Files.readAllBytes(db.resolve(f)))) {
          diffs.add(t.trial() + "/" + f + ": bytes differ");
        }
      }
      JsonNode ra = withoutProvenance(da.resolve(ResultsStore.RESULT));
      JsonNode rb = withoutProvenance(db.resolve(ResultsStore.RESULT));
      if (!ra.equals(rb)) {
        diffs.add(t.trial() + "/result.json: differs beyond its provenance");
      }
      Map<String, Long> ma = bits(ia.result());
      Map<String, Long> mb = bits(ib.result());
      metrics += ma.size();
      if (!ma.equals(mb)) {
        diffs.add(t.trial() + ": final metrics differ: " + ia.result().metrics() + " vs " + ib.result().metrics());
      }
      System.out.println("trial " + t.index() + " " + t.trial() + ": " + (names.size() - 1) + " files and "
          + ma.size() + " metrics compared");
    }
    return new Outcome(pa.trials().size(), files, metrics, diffs);
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static JsonNode withoutProvenance(Path resultJson) throws IOException {
    ObjectNode n = (ObjectNode) ResultsJson.mapper().readTree(resultJson.toFile());
    n.remove("provenance");
    n.remove(org.rnnlab.results.SelfDigest.KEY); // a digest over the provenance too
    return n;
  }

  /** Each final metric's raw bits (null: not finite), so that equality is bit for bit, NaN and -0.0 included. */
  private static Map<String, Long> bits(TrialResult r) {
    Map<String, Long> m = new TreeMap<>();
    r.metrics().forEach((k, v) -> m.put(k, v == null ? null : Double.doubleToRawLongBits(v)));
    return m;
  }
}
