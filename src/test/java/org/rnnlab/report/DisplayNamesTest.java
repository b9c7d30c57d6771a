package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.results.ResultsStore;

/** Readers see a generated variant by its levels' labels; ids stay in file names and CSV. */
class DisplayNamesTest {
  @TempDir Path tmp;

  private Results results() throws IOException {
    Fixture.Run run = Fixture.factors(tmp.resolve("results"));
    return ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
  }

  @Test
  void aGeneratedVariantIsNamedByItsLevelsLabels() throws IOException {
    List<String> names = results().groups().stream().map(Experiment.Group::display).toList();
    assertEquals(List.of("tanh RNN, sequential", "tanh RNN, permuted", "LSTM, sequential", "LSTM, permuted"), names);
  }

  @Test
  void aChartLeavesOutTheLevelsItsLinesShare() throws IOException {
    Results r = results();
    List<Experiment.Group> lstm = r.groups().stream().filter(g -> g.factors().get("model").equals("lstm")).toList();
    assertEquals("permuted", lstm.get(1).display(lstm));
    assertEquals("LSTM", Experiment.Group.shared(lstm));
    assertEquals(", LSTM", SeriesCharts.common(lstm));
    assertEquals("sequential", SeriesCharts.shortLabel(lstm, lstm.get(0)));
  }

  @Test
  void finalMetricPanelsFacetByTheFactorsAfterTheFirst() throws IOException {
    Results r = results();
    List<List<Experiment.Group>> facets = FinalMetricChart.facets(r.groups());
    assertEquals(2, facets.size(), "one panel per order");
    assertEquals(List.of("tanh RNN", "LSTM"), facets.get(1).stream().map(g -> g.display(facets.get(1))).toList());
    assertEquals("permuted", Experiment.Group.shared(facets.get(1)));
  }

  @Test
  void aChartMayChooseTheFactorItsPanelsLineUp() throws IOException {
    Results r = results();
    // by default the factor with most levels (a tie: the first, model) gives the categories, a panel per order
    assertEquals(List.of("tanh RNN", "LSTM"),
        FinalMetricChart.facets(r.groups()).get(0).stream().map(g -> g.display(FinalMetricChart.facets(r.groups())
            .get(0))).toList());
    // a chart's "categories": order puts the orders side by side, a panel per model
    List<List<Experiment.Group>> byModel = FinalMetricChart.facets(r.groups(), "order");
    assertEquals(2, byModel.size());
    assertEquals(List.of("sequential", "permuted"), byModel.get(1).stream().map(g -> g.display(byModel.get(1))).toList());
    assertEquals("LSTM", Experiment.Group.shared(byModel.get(1)));
  }

  @Test
  void legendsShowTheLabels() throws IOException {
    Results r = results();
    XYChart curves = LearningCurveChart.of(r, r.points().get(0), "mse");
    List<String> legend = new ArrayList<>();
    for (XYSeries s : curves.getSeriesMap().values()) {
      if (s.isShowInLegend() && !s.getName().startsWith("baseline")) {
        legend.add(s.getLabel());
      }
    }
    assertEquals(List.of("tanh RNN, sequential", "tanh RNN, permuted", "LSTM, sequential", "LSTM, permuted"), legend);
  }

  @Test
  void theSpecChoosesTheHeadlinesColumns() throws IOException {
    Fixture.Run run = Fixture.factors(tmp.resolve("results"));
    // by default the first factor's levels (model) are the columns; the spec may choose the order instead
    Headline byModel = Headline.of(ResultsReader.read(run.plan(), new ResultsStore(run.dir())));
    assertEquals(List.of("tanh RNN", "LSTM"), byModel.variants());
    assertEquals(List.of("sequential", "permuted"), byModel.rows().stream().map(Headline.Row::point).toList());
    Results byOrder = ResultsReader.read(run.withHeadlineColumns("order").plan(), new ResultsStore(run.dir()));
    Headline h = Headline.of(byOrder);
    assertEquals(List.of("sequential", "permuted"), h.variants());
    assertEquals(List.of("tanh RNN", "LSTM"), h.rows().stream().map(Headline.Row::point).toList());
    // the same cell either way: LSTM on permuted pixels
    assertEquals(byModel.rows().get(1).cells().get(1).mean(), h.rows().get(1).cells().get(1).mean());
    Path report = tmp.resolve("report");
    Reporter.write(run.withHeadlineColumns("order").plan(), Fixture.CHARTS, run.dir(), report);
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("by order (columns) and model (rows)") && readme.contains("| model | sequential | "
        + "permuted |"), readme);
  }

  @Test
  void sweepPointsAsColumnsPutAVariantInEachRow() throws IOException {
    Fixture.Run run = Fixture.sweep(tmp.resolve("results"));
    Results r = ResultsReader.read(run.withHeadlineColumns("sweep").plan(), new ResultsStore(run.dir()));
    Headline h = Headline.of(r);
    Headline plain = Headline.of(ResultsReader.read(run.plan(), new ResultsStore(run.dir())));
    assertTrue(h.transposed());
    assertEquals(plain.rows().stream().map(Headline.Row::point).toList(), h.variants());
    assertEquals(plain.variants(), h.rows().stream().map(Headline.Row::point).toList());
    // what the baselines beat is said of the variants either way: HeadlineBaselinesTest (here nothing beats them)
  }

  @Test
  void theReportShowsLabelsAndKeepsIdsInCsv() throws IOException {
    Fixture.Run run = Fixture.factors(tmp.resolve("results"));
    Path report = tmp.resolve("report");
    Reporter.write(run.plan(), Fixture.CHARTS, run.dir(), report);
    String readme = Files.readString(report.resolve("README.md"));
    // the headline pivots by the factors: the first factor's labels as columns, the other's as rows, named
    String headline = readme.substring(readme.indexOf("## Headline"), readme.indexOf("## Overview"));
    assertTrue(headline.contains("| order | tanh RNN | LSTM |"), headline);
    assertTrue(headline.lines().anyMatch(l -> l.startsWith("| permuted | ")), headline);
    assertFalse(headline.contains("rnn_perm"), headline);
    String summary = Files.readString(report.resolve("summary.csv"));
    assertTrue(summary.contains("\nrnn_perm,"), "summary.csv keeps the group ids:\n" + summary);
    assertFalse(summary.contains("tanh RNN"), summary);
  }
}
