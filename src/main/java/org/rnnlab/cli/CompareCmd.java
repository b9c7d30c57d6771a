package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnlab.report.Compare;
import org.rnnlab.results.Measures;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare two runs side by side: two experiments, or two runs of one experiment (e.g. at "
        + "different code versions, in two results directories). For every group both have: n, mean and median "
        + "on each side, B - A, B / A, Welch's and Mann-Whitney's p, and whether the configs were identical. --where/--only restrict both sides to the same "
        + "factor levels, sweep values, variants or seeds, as in run.")
final class CompareCmd implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "A results directory (with plan.json), a report's trial "
      + "record (reports/NAME/trials.jsonl.xz, or the report directory), or a name (NAME or NAME.PROFILE): its "
      + "results/ if present, else its report's trial record, so a committed report compares without rerunning.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "The other, the same way.")
  String b;

  @Option(names = "--metric", description = "The final metric to compare (default: A's main metric).")
  String metric;

  @Option(names = "--format", defaultValue = "text", description = "text (default), markdown or latex (booktabs).")
  String format;

  @Mixin
  Selection selection;

  @Override
  public Integer call() throws IOException {
    if (!List.of("text", "markdown", "latex").contains(format)) {
      throw new Main.UsageError("--format must be text, markdown or latex, got \"" + format + "\""
          + Suggest.didYouMean(format, List.of("text", "markdown", "latex")));
    }
    Compare.Side sideA = chosen(side(a));
    Compare.Side sideB = chosen(side(b));
    List<String> both = Compare.metrics(sideA, sideB);
    String m = metric != null ? metric : sideA.plan().mainMetric();
    if (!both.contains(m)) {
      // an unknown name would give a table of empty columns
      throw new Main.UsageError((metric != null ? "--metric \"" + m + "\"" : "A's main metric \"" + m + "\" (give --metric)")
          + " is not a metric both A and B record; metrics: " + Measures.listed(m, both));
    }
    Compare.Table t = Compare.of(sideA, sideB, m);
    if (t.rows().isEmpty()) {
      throw new Main.UsageError("A and B share no group (A: " + t.onlyA() + "; B: " + t.onlyB() + ")");
    }
    if (!format.equals("text")) {
      Main.OUT.print(Compare.render(t, format));
      return 0;
    }
    Main.OUT.println("A: " + t.nameA() + ", code " + t.codeA());
    Main.OUT.println("B: " + t.nameB() + ", code " + t.codeB());
    Main.OUT.println("final " + t.metric() + " over ok seeds; B − A and B / A of the means; two-sided p-values");
    List<List<String>> rows = new ArrayList<>();
    rows.add(Compare.header());
    rows.addAll(Compare.textRows(t));
    int n = rows.get(0).size();
    ConsoleTable.lines(rows, "l" + "r".repeat(n - 2) + "l", 2).forEach(Main.OUT::println);
    if (!t.onlyA().isEmpty()) {
      Main.OUT.println("only in A: " + String.join(", ", t.onlyA()));
    }
    if (!t.onlyB().isEmpty()) {
      Main.OUT.println("only in B: " + String.join(", ", t.onlyB()));
    }
    return 0;
  }

  /**
   * The side restricted to the trials --where/--only select, checked against its own plan (an
   * unknown key or value is run's one-line error, naming that plan); its name says which subset.
   */
  private Compare.Side chosen(Compare.Side s) {
    Selection.Chosen c = selection.choose(s.plan());
    return c.isAll() ? s : new Compare.Side(s.name() + " where " + c.label(), c.apply(s.plan()), s.trials());
  }

  /**
   * A directory holding plan.json, a trial record (or a report directory with one), or by name
   * results/NAME, else reports/NAME/trials.jsonl.xz; unknown names are a usage error with a suggestion.
   */
  static Compare.Side side(String s) throws IOException {
    Path p = Path.of(s);
    if (Files.isRegularFile(p.resolve(ResultsStore.PLAN))) {
      return Compare.Side.ofResults(p);
    }
    if (Files.isRegularFile(p)) {
      return Compare.Side.ofRecord(p);
    }
    if (Files.isRegularFile(p.resolve(TrialArchive.FILE))) {
      return Compare.Side.ofRecord(p.resolve(TrialArchive.FILE));
    }
    Path named = Project.results().resolve(s);
    if (Files.isRegularFile(named.resolve(ResultsStore.PLAN))) {
      return Compare.Side.ofResults(named);
    }
    Path record = Project.reports().resolve(s).resolve(TrialArchive.FILE);
    if (Files.isRegularFile(record)) {
      return Compare.Side.ofRecord(record);
    }
    List<String> known = new ArrayList<>();
    if (Files.isDirectory(Project.results())) {
      try (Stream<Path> l = Files.list(Project.results())) {
        l.filter(d -> Files.isRegularFile(d.resolve(ResultsStore.PLAN))).forEach(d -> known.add(d.getFileName()
            .toString()));
      }
    }
    known.sort(null);
    throw new Main.UsageError(s + ": no results (no plan.json there, nor in results/" + s + ", and no trial record "
        + "reports/" + s + "/" + TrialArchive.FILE + ")"
        + Suggest.didYouMean(s, known) + (known.isEmpty() ? "" : "; results: " + String.join(", ", known)));
  }
}
