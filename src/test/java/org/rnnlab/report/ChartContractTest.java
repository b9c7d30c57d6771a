package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.ResultsStore;

/**
 * What every chart of {@code report.charts} guarantees on a small results directory: it draws
 * something from results that hold its data, with file names that are stable and distinct and a
 * caption; it draws the same twice; it draws nothing (rather than failing) from results without
 * its data; it declares what it reads ({@link ChartConfig#needs}), and without those measurements it draws
 * nothing. A chart's test extends this with its config and, if it needs other data, its results.
 */
public abstract class ChartContractTest {
  @TempDir Path tmp;

  /** The chart under test. */
  protected abstract ChartConfig chart();

  /** Results that hold the chart's data (default: the report fixture's sweep with every measurement). */
  protected Results withData(Path dir) throws IOException {
    Fixture.Run run = Fixture.everyMeasure(dir);
    return ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
  }

  /** Results without any trial result. */
  protected Results withoutData(Path dir) throws IOException {
    Fixture.Run run = Fixture.everyMeasure(dir);
    java.nio.file.Files.walk(run.dir()).sorted(java.util.Comparator.reverseOrder())
        .filter(p -> !p.equals(run.dir()) && !p.getFileName().toString().equals(ResultsStore.PLAN))
        .forEach(p -> p.toFile().delete());
    return ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
  }

  private static ChartNames names(Results r) {
    return new ChartNames(List.copyOf(r.experiment().sweep().keySet()));
  }

  @Test
  void drawsChartsWithDistinctStableFileNamesAndCaptions() throws IOException {
    Results r = withData(tmp.resolve("a"));
    List<ChartOutput> out = chart().draw(r, names(r));
    assertFalse(out.isEmpty(), "results with the chart's data give a chart");
    Set<String> files = new HashSet<>();
    for (ChartOutput c : out) {
      assertNotNull(c.chart());
      assertTrue(c.file().matches("[A-Za-z0-9._-]+\\.png"), c.file());
      assertTrue(files.add(c.file()), "distinct file names: " + c.file());
      assertFalse(c.caption().isBlank());
      assertNotNull(c.chart().getTitle());
      assertTrue(Charts.png(c.chart()).length > 0);
    }
    List<ChartOutput> again = chart().draw(r, names(r));
    assertEquals(out.stream().map(ChartOutput::file).toList(), again.stream().map(ChartOutput::file).toList(),
        "the same results give the same file names");
  }

  @Test
  void drawsNothingFromResultsWithoutItsData() throws IOException {
    Results r = withoutData(tmp.resolve("b"));
    assertEquals(List.of(), chart().draw(r, names(r)));
  }

  @Test
  void declaresWhatItReadsAndDrawsNothingWithoutIt() throws IOException {
    Results r = withData(tmp.resolve("c"));
    List<ChartConfig.Need> needs = chart().needs(r.experiment().mainMetric());
    assertFalse(needs.isEmpty(), "a chart reads some measurement");
    for (ChartConfig.Need n : needs) {
      assertNotNull(n.kind());
      assertFalse(n.name().isBlank());
      // snake_case keys and list indices (a set_curve point: /points/0/set)
      assertTrue(n.pointer().isEmpty() ? n.implied() != null : n.pointer().matches("(/([a-z_]+|[0-9]+))+"),
          n.toString());
    }
    Results without = without(r, needs);
    assertEquals(List.of(), chart().draw(without, names(without)),
        "without " + needs.stream().map(ChartConfig.Need::name).toList() + " the chart has nothing to draw");
  }

  /** {@code r} with the measurements {@code needs} names taken out of every trial. */
  private static Results without(Results r, List<ChartConfig.Need> needs) {
    java.util.function.Predicate<String> needed = name -> needs.stream().anyMatch(n -> n.name().equals(name));
    List<TrialRow> trials = r.trials().stream().map(t -> {
      java.util.Map<String, Double> m = new java.util.LinkedHashMap<>(t.metrics());
      m.keySet().removeIf(needed);
      return new TrialRow(t.trial(), t.group(), t.variant(), t.point(), t.seedIndex(), t.seed(), t.configSha256(),
          t.status(), t.divergedAtStep(), m, t.provenance());
    }).toList();
    java.util.Map<String, List<org.rnnlab.results.CurveRow>> curves = new java.util.HashMap<>();
    r.curves().forEach((t, rows) -> curves.put(t, rows.stream().filter(c -> !needed.test(c.metric())).toList()));
    java.util.Map<String, List<org.rnnlab.results.SeriesRow>> series = new java.util.HashMap<>();
    r.series().forEach((t, rows) -> series.put(t, rows.stream().filter(s -> !needed.test(s.name())).toList()));
    return new Results(r.experiment(), r.groups(), trials, r.missing(), curves, series, r.warnings());
  }
}
