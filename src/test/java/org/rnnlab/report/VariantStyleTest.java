package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.results.ResultsStore;

/** A variant looks the same in every chart of a report, and no two variants look the same in one chart. */
class VariantStyleTest {
  @TempDir Path tmp;

  @Test
  void twentyTwoVariantsKeepOneColourAcrossChartsAndDifferWithinEach() throws IOException {
    Fixture.Run run = Fixture.manyVariants(tmp, 22);
    Results r = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    XYChart curves = (XYChart) LearningCurveChart.of(r, r.points().get(0), "mse");
    Map<String, Integer> curveColour = new HashMap<>();
    Set<String> looks = new HashSet<>();
    for (XYSeries s : curves.getSeriesMap().values()) {
      if (s.isShowInLegend() && !s.getName().startsWith("baseline")) {
        BasicStroke stroke = (BasicStroke) s.getLineStyle();
        assertTrue(looks.add(s.getLineColor().getRGB() + " " + Arrays.toString(stroke.getDashArray())),
            "two lines look alike: " + s.getName());
        curveColour.put(s.getLabel(), s.getLineColor().getRGB());
      }
    }
    assertEquals(22, curveColour.size(), curveColour.keySet().toString());
    Chart<?, ?> finals = FinalMetricChart.of(r, "mse");
    int checked = 0;
    for (Chart<?, ?> p : ((PanelFigure) finals).panels()) {
      Set<Integer> inPanel = new HashSet<>();
      for (XYSeries s : ((XYChart) p).getSeriesMap().values()) {
        if (s.getName().endsWith(" median")) {
          String v = s.getName().substring(0, s.getName().length() - " median".length());
          assertEquals(curveColour.get(v), s.getLineColor().getRGB(), v + " has one colour in both charts");
          assertTrue(inPanel.add(s.getLineColor().getRGB()), "no colour twice in a panel: " + v);
          checked++;
        }
      }
    }
    assertEquals(22, checked);

    // the learning curves of 22 variants are small multiples: at most 8 lines a panel, balanced (8, 7, 7), each line
    // in the colour it has in the single chart, no colour twice in a panel
    Chart<?, ?> figure = LearningCurveChart.figure(r, r.points().get(0), "mse", null, "auto", java.util.List.of(),
        null);
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    for (Chart<?, ?> p : ((PanelFigure) figure).panels()) {
      Set<Integer> inPanel = new HashSet<>();
      int lines = 0;
      for (XYSeries s : ((XYChart) p).getSeriesMap().values()) {
        if (s.isShowInLegend() && !s.getName().startsWith("baseline")) {
          assertEquals(curveColour.get(s.getLabel()), s.getLineColor().getRGB(), s.getLabel());
          assertTrue(inPanel.add(s.getLineColor().getRGB()), "no colour twice in a panel: " + s.getLabel());
          lines++;
        }
      }
      sizes.add(lines);
    }
    assertEquals(java.util.List.of(8, 7, 7), sizes);
    assertTrue(figure.getWidth() <= Charts.MAX_WIDTH, "figure " + figure.getWidth() + " points wide");
  }
}
