package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.results.ResultsStore;

/** Many variants wrap into panels on one axis instead of one chart as wide as a wall. */
class ChartWidthTest {
  @TempDir Path tmp;

  private Results results(int variants) throws IOException {
    Fixture.Run run = Fixture.manyVariants(tmp.resolve("v" + variants), variants);
    return ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
  }

  @Test
  void twentyTwoVariantsFitAPageInPanelsOfAtMostEightOnOneAxis() throws IOException {
    Results r = results(22);
    Chart<?, ?> c = FinalMetricChart.of(r, "mse");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Charts.png(c)));
    assertTrue(png.getWidth() <= 2000, "PNG width " + png.getWidth());
    List<Chart<?, ?>> panels = ((PanelFigure) c).panels();
    assertEquals(3, panels.size(), "22 variants as 8 + 7 + 7");
    List<String> drawn = new ArrayList<>();
    Set<Double> mins = new HashSet<>();
    Set<Double> maxes = new HashSet<>();
    for (Chart<?, ?> p : panels) {
      XYChart xy = (XYChart) p;
      List<String> here = xy.getSeriesMap().keySet().stream().filter(k -> k.endsWith(" median"))
          .map(k -> k.substring(0, k.length() - " median".length())).toList();
      assertTrue(here.size() <= FinalMetricChart.MAX_PER_PANEL, here.toString());
      drawn.addAll(here);
      mins.add(xy.getStyler().getYAxisMin());
      maxes.add(xy.getStyler().getYAxisMax());
    }
    assertEquals(r.experiment().variants(), drawn, "every variant once, in order");
    assertEquals(1, mins.size(), "one y axis: " + mins);
    assertEquals(1, maxes.size(), "one y axis: " + maxes);
    assertEquals(0.01, mins.iterator().next(), 1e-12, "from the smallest value of all panels");
    assertEquals(0.222, maxes.iterator().next(), 1e-12, "to the largest");
  }

  @Test
  void longNamesTurnThePanelsIntoRowsThatNameEveryVariant() throws IOException {
    Fixture.Run run = Fixture.manyVariants(tmp.resolve("long"), 11, "per_timestep_threshold_%02d");
    Results r = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    Chart<?, ?> c = FinalMetricChart.of(r, "mse");
    List<Chart<?, ?>> panels = ((PanelFigure) c).panels();
    assertEquals(2, panels.size(), "11 variants as 6 + 5");
    List<String> named = new ArrayList<>();
    Set<Double> mins = new HashSet<>();
    for (Chart<?, ?> p : panels) {
      XYChart xy = (XYChart) p;
      assertEquals(-0.5, xy.getStyler().getYAxisMin(), "the variants are the rows");
      mins.add(xy.getStyler().getXAxisMin());
      named.addAll(rowLabels(xy));
    }
    assertEquals(r.experiment().variants(), named, "every variant named once, in order, top down");
    assertEquals(1, mins.size(), "one value axis: " + mins);
    assertTrue(ImageIO.read(new ByteArrayInputStream(Charts.png(c))).getWidth() <= 2000);
  }

  @Test
  void everyRowIsNamedAtEveryPanelHeightUnderATitle() throws IOException {
    Fixture.Run run = Fixture.manyVariants(tmp.resolve("rows"), 8, "per_timestep_threshold_%02d");
    Results r = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    List<Experiment.Group> groups = r.groups();
    for (int n = 1; n <= FinalMetricChart.MAX_PER_PANEL; n++) {
      List<String> names = r.experiment().variants().subList(0, n);
      XYChart panel = DotRowsPanel.panel(r, groups.subList(0, n), names,
          "temporal order 6a, lengths 100..110, tanh RNN (SGD)", "mse", "auto", new double[] {0.01, 0.2}, 480);
      assertEquals(names, rowLabels(panel), n + " rows");
    }
  }

  /**
   * The row names XChart draws on {@code chart}'s y axis, top down, from the labels it asks the formatter for in its
   * last pass: XChart formats a whole axis, then retries with a larger step if the labels do not fit, so only the
   * last pass (ticks ascending from the bottom; a new pass starts low again) is what it draws.
   */
  private static List<String> rowLabels(XYChart chart) throws IOException {
    java.util.function.Function<Double, String> f = chart.getStyler().getyAxisTickLabelsFormattingFunction();
    List<String> here = new ArrayList<>();
    double[] last = {Double.POSITIVE_INFINITY};
    chart.setCustomYAxisTickLabelsFormatter(d -> {
      if (d <= last[0]) {
        here.clear(); // a new pass from the bottom tick
      }
      last[0] = d;
      String label = f.apply(d);
      if (!label.startsWith("\u200B") && !here.contains(label)) {
        here.add(label);
      }
      return label;
    });
    Charts.png(chart);
    chart.setCustomYAxisTickLabelsFormatter(f);
    java.util.Collections.reverse(here); // XChart labels bottom up; the first variant is on top
    return here;
  }

  @Test
  void aLongTitleWidensItsChartOrShrinksInAPanel() {
    String title = "Spectral radius of W_hh, temporal order 6a, lengths 20..22"; // 57 characters
    XYChart c = Charts.xyChart(Charts.WIDTH, title, "updates", "radius");
    c.addSeries("per time step at 2x", new double[] {0, 1}, new double[] {1, 2});
    Charts.fitTitle(c);
    // the plot (the chart without its y axis and legend) holds the title: 5.6 points a character
    double legend = 4.6 * "per time step at 2x".length() + 30;
    assertTrue(c.getWidth() - 60 - legend >= 5.6 * title.length() - 1, "width " + c.getWidth());
    assertEquals(Charts.TITLE_FONT, c.getStyler().getChartTitleFont(), "room made, the font kept");
    XYChart p = Charts.xyChart(Charts.PANEL_WIDTH, title, "", "loss");
    p.getStyler().setLegendVisible(false);
    XYChart q = Charts.xyChart(Charts.PANEL_WIDTH, "short", "", "loss");
    PanelFigure f = new PanelFigure(List.of(p, q));
    int before = f.getWidth();
    Charts.fitTitle(f);
    assertEquals(Charts.PANEL_WIDTH, p.getWidth(), "a panel keeps its place in the figure");
    assertEquals(before, f.getWidth());
    assertTrue(p.getStyler().getChartTitleFont().getSize2D() < Charts.TITLE_FONT.getSize2D(), "a smaller font");
    assertEquals(Charts.TITLE_FONT, q.getStyler().getChartTitleFont(), "a title that fits keeps its font");
  }

  @Test
  void fewVariantsStayOneChart() throws IOException {
    Chart<?, ?> c = FinalMetricChart.of(results(4), "mse");
    assertTrue(c instanceof XYChart, "four variants: one chart, not a figure");
    assertEquals(4, ((XYChart) c).getSeriesMap().values().stream().map(XYSeries::getName)
        .filter(n -> n.endsWith(" median")).count());
  }
}
