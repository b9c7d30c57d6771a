package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Log axes read 10^k, fractions stay linear, coinciding lines stay visible. */
class AxesTest {
  @Test
  void decadesOfALogAxisReadAsPowersOfTenNotScientificNotation() throws IOException {
    XYChart c = Charts.xyChart(Charts.WIDTH, "loss", "updates", "loss");
    double[] x = new double[100];
    double[] y = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = Math.pow(10, -5.0 * i / 99);
    }
    Charts.summaryLine(c, "lstm", "lstm", x, y, Charts.color(0));
    Charts.yAxis(c.getStyler(), true, y);
    assertTrue(Charts.decadeAxis(c));
    assertEquals(-5.0, c.getSeriesMap().get("lstm").getYData()[99], 1e-12, "drawn as log10");
    List<String> labels = texts(new String(Charts.svg(c), StandardCharsets.UTF_8));
    for (String k : List.of("\u2070", "\u207B\u00B9", "\u207B\u00B2", "\u207B\u00B3", "\u207B\u2074", "\u207B\u2075")) {
      assertTrue(labels.contains("10" + k), "10^" + k + " in " + labels);
    }
    assertTrue(labels.stream().noneMatch(l -> l.matches(".*\\dE-?\\d.*") || l.startsWith("0.0")), labels.toString());
  }

  @Test
  void aLogAxisUnderTwoDecadesOrWithErrorBarsStaysAsItIs() {
    XYChart c = Charts.xyChart(Charts.WIDTH, "t", "x", "y");
    double[] y = {0.5, 1, 5};
    c.addSeries("s", new double[] {0, 1, 2}, y);
    Charts.yAxis(c.getStyler(), true, y);
    assertFalse(Charts.decadeAxis(c), "1..9 multiples labelled on a short log axis");
    assertEquals(5.0, c.getSeriesMap().get("s").getYData()[2]);
  }

  @Test
  void accuracyIsNeverOnALogAxisUnlessTheSpecAsks() {
    double[] spread = {0.001, 0.01, 0.5};
    assertTrue(Charts.logAxis("auto", "mse", true, spread, Charts.LOG_SPAN));
    assertFalse(Charts.logAxis("auto", "accuracy", true, spread, Charts.LOG_SPAN));
    assertFalse(Charts.logAxis("auto", "validation.token_accuracy", true, spread, Charts.LOG_SPAN));
    assertFalse(Charts.logAxis("auto", "solved_fraction", true, spread, Charts.LOG_SPAN));
    assertTrue(Charts.logAxis("log", "accuracy", true, spread, Charts.LOG_SPAN));
  }

  @Test
  void theNormAfterClippingIsDrawnThinOverAWideNormBefore() throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("axes");
    Fixture.Run run = Fixture.everyMeasure(dir);
    Results r = ResultsReader.read(run.plan(), new org.rnnlab.results.ResultsStore(run.dir()));
    ChartOutput out = new ClipTraceChart.Config(null, null, null).draw(r,
        new ChartNames(List.copyOf(r.experiment().sweep().keySet()))).get(0);
    List<XYSeries> series = new ArrayList<>(((XYChart) out.chart()).getSeriesMap().values());
    List<String> names = series.stream().map(XYSeries::getName).toList();
    int before = names.indexOf("before clipping");
    int after = names.indexOf("after clipping");
    assertTrue(before >= 0 && after > before, "after drawn over before: " + names);
    float wide = ((BasicStroke) series.get(before).getLineStyle()).getLineWidth();
    float thin = ((BasicStroke) series.get(after).getLineStyle()).getLineWidth();
    assertTrue(wide >= 2 * thin, "before " + wide + " shows on both sides of after " + thin);
  }

  private static List<String> texts(String svg) {
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
