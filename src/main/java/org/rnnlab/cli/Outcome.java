package org.rnnlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Home;
import org.rnnlab.report.ClaimResult;
import org.rnnlab.report.Headline;
import org.rnnlab.report.Reporter;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Option;

/**
 * What run and report print when they finish: where the report is, what happened to the trials,
 * each claim's verdict and the headline table; as text, or as one JSON object with {@code --json}.
 * With {@code --strict} a failed claim makes the exit status {@link #CLAIM_FAILED}.
 */
final class Outcome {
  /** Exit status when every trial ran but a claim failed under --strict (1: trials failed, 2: bad input). */
  static final int CLAIM_FAILED = 3;

  /** The options. */
  static final class Options {
    @Option(names = "--strict", description = "Exit with status " + CLAIM_FAILED + " if a claim fails.")
    boolean strict;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout (progress and notes "
        + "stay on stderr).")
    boolean json;
  }

  private Outcome() {}

  /**
   * Prints the summary of {@code plan}'s run ({@code run} null for report alone) and report; returns
   * the exit status: 1 if trials failed or the run stopped, {@link #CLAIM_FAILED} if a claim failed
   * and {@code strict}, else 0.
   */
  static int print(ExperimentPlan plan, ExperimentRunner.Summary run, Reporter.Written report, String subset,
                   Options options, PrintStream out) {
    int status = status(run, report, options.strict);
    if (options.json) {
      out.println(ResultsJson.pretty(json(plan, run, report, subset, status)).strip());
    } else {
      text(plan, run, report, subset, out);
    }
    return status;
  }

  static int status(ExperimentRunner.Summary run, Reporter.Written report, boolean strict) {
    if (run != null && (!run.failures().isEmpty() || run.stoppedBecause() != null)) {
      return 1;
    }
    boolean claimFailed = report != null && report.claims().stream().anyMatch(ClaimResult::failed);
    return strict && claimFailed ? CLAIM_FAILED : 0;
  }

  private static void text(ExperimentPlan plan, ExperimentRunner.Summary run, Reporter.Written report,
                           String subset, PrintStream out) {
    String name = plan.name() + (plan.profile() == null ? "" : " (profile " + plan.profile() + ")")
        + (subset.isEmpty() ? "" : " [" + subset + "]");
    if (run != null) {
      out.printf("%s: %d trials: ran %d, reused %d (%d already done, %d finished by another run), diverged %d, "
              + "failed %d%n", name, run.planned(), run.ran(), run.alreadyDone() + run.reused(), run.alreadyDone(),
          run.reused(), run.diverged(), run.failures().size());
      run.failures().forEach(f -> out.println("  failed: " + f));
      if (run.stoppedBecause() != null) {
        out.println("  stopped: " + run.stoppedBecause());
      }
    }
    if (report == null) {
      return;
    }
    if (run == null) {
      out.printf("%s: %d trials: %d ok, %d diverged, %d without a result%n", name, report.trialsPlanned(),
          report.trialsOk(), report.trialsDiverged(), report.trialsMissing());
    }
    out.println("report: " + shown(report.reportDir().resolve("index.html")) + " (and README.md, tables/, charts "
        + "as PNG, SVG and PDF)");
    List<ClaimResult> claims = report.claims();
    if (!claims.isEmpty()) {
      long passed = claims.stream().filter(ClaimResult::passed).count();
      long open = claims.stream().filter(c -> !c.evaluated()).count();
      out.printf("claims: %d of %d pass%s%n", passed, claims.size(), open == 0 ? "" : ", " + open + " not evaluated");
      for (ClaimResult c : claims) {
        out.printf("  %s  %s%n        %s%n", c.verdict().word(), c.text(), c.detail());
      }
    }
    Headline h = report.headline();
    out.println("headline: final " + h.metricLabel() + ", " + Headline.CELL_RULE);
    List<String> header = h.header("");
    List<List<String>> table = new ArrayList<>();
    table.add(header);
    table.addAll(h.textRows());
    ConsoleTable.lines(table, "l" + "r".repeat(header.size() - 1), 3).forEach(out::println);
    h.beatenBy().forEach(b -> out.println("beaten by a baseline: " + b));
  }

  private static ObjectNode json(ExperimentPlan plan, ExperimentRunner.Summary run, Reporter.Written report,
                                 String subset, int status) {
    ObjectNode root = ResultsJson.mapper().createObjectNode();
    root.put("experiment", plan.name());
    root.put("profile", plan.profile());
    root.put("subset", subset.isEmpty() ? null : subset);
    root.put("exit_status", status);
    if (run != null) {
      root.put("results_dir", shown(run.resultsDir()));
      ObjectNode t = root.putObject("trials");
      t.put("selected", run.planned());
      t.put("ran", run.ran());
      t.put("reused", run.alreadyDone() + run.reused());
      t.put("already_done", run.alreadyDone());
      t.put("finished_by_another_run", run.reused());
      t.put("diverged", run.diverged());
      t.put("failed", run.failures().size());
      ArrayNode f = root.putArray("failures");
      run.failures().forEach(f::add);
      root.put("stopped_because", run.stoppedBecause());
    }
    if (report != null) {
      root.put("report", shown(report.reportDir().resolve("index.html")));
      ObjectNode r = root.putObject("results");
      r.put("planned", report.trialsPlanned());
      r.put("ok", report.trialsOk());
      r.put("diverged", report.trialsDiverged());
      r.put("missing", report.trialsMissing());
      ObjectNode c = root.putObject("claims");
      c.put("passed", report.claims().stream().filter(ClaimResult::passed).count());
      c.put("not_evaluated", report.claims().stream().filter(x -> !x.evaluated()).count());
      c.put("total", report.claims().size());
      ArrayNode items = c.putArray("items");
      for (ClaimResult cr : report.claims()) {
        ObjectNode i = items.addObject();
        i.put("text", cr.text());
        i.put("passed", cr.passed());
        i.put("verdict", cr.verdict().name().toLowerCase(java.util.Locale.ROOT));
        putNumber(i, "measured", cr.measured());
        i.put("detail", cr.detail());
      }
      Headline h = report.headline();
      ObjectNode hn = root.putObject("headline");
      hn.put("metric", h.metric());
      hn.put("label", h.metricLabel());
      hn.put("cells", Headline.CELL_RULE);
      ArrayNode cols = hn.putArray("variants");
      h.variants().forEach(cols::add);
      ArrayNode rows = hn.putArray("rows");
      for (Headline.Row row : h.rows()) {
        ObjectNode rn = rows.addObject();
        rn.put("point", row.point());
        putNumber(rn, "baseline", row.baseline());
        ObjectNode cells = rn.putObject("cells");
        for (int k = 0; k < h.variants().size(); k++) {
          Headline.Cell cell = row.cells().get(k);
          if (cell == null) {
            continue;
          }
          ObjectNode cn = cells.putObject(h.variants().get(k));
          cn.put("group", cell.group());
          cn.put("n", cell.n());
          putNumber(cn, "mean", cell.mean());
          putNumber(cn, "ci95_low", cell.low());
          putNumber(cn, "ci95_high", cell.high());
          cn.put("diverged", cell.diverged());
          cn.put("missing", cell.missing());
          ObjectNode bn = cn.putObject("baselines");
          cell.baselines().forEach((kind, v) -> putNumber(bn, kind, v));
        }
      }
    }
    return root;
  }

  private static void putNumber(ObjectNode n, String key, double v) {
    if (Double.isFinite(v)) {
      n.put(key, v);
    } else {
      n.putNull(key);
    }
  }

  /** A path relative to the project directory when it is inside it (shorter, and what the README uses). */
  static String shown(Path p) {
    Path home = Home.path();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(home) ? home.relativize(abs).toString() : abs.toString();
  }
}
