package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** A chart's SVG holds its labels as text, not glyph outlines, and stays small. */
class SvgTextTest {
  private static XYChart chart() {
    XYChart c = Charts.xyChart(Charts.WIDTH, "Test MSE at the end of training", "updates", "test MSE (x 1,000)");
    double[] x = new double[200];
    double[] y = new double[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = Math.exp(-i / 50.0);
    }
    Charts.summaryLine(c, "lstm", "lstm", x, y, Charts.color(0));
    Charts.roundXTicks(c);
    return c;
  }

  @Test
  void titlesTicksAndLegendAreTextElements() throws IOException {
    String svg = new String(Charts.svg(chart()), StandardCharsets.UTF_8);
    List<String> texts = texts(svg);
    assertTrue(texts.contains("Test MSE at the end of training"), texts.toString());
    assertTrue(texts.contains("updates"), texts.toString());
    assertTrue(texts.contains("test MSE (x 1,000)"), texts.toString());
    assertTrue(texts.contains("lstm"), "the legend entry: " + texts);
    assertTrue(texts.contains("0") && texts.contains("100"), "tick labels: " + texts);
    assertTrue(svg.length() < 30_000, "a simple chart's SVG is small, not ~290 KB of outlines: " + svg.length());
  }

  @Test
  void readsTextOutlinesBackOnlyWhenTheyAreText() {
    FontRenderContext frc = new FontRenderContext(null, true, true);
    TextOutlines reader = new TextOutlines(frc, List.of(Charts.TICK_FONT, Charts.TITLE_FONT));
    for (String s : List.of("1,400", "training loss (MSE)", "per_timestep x2", "a  b", "10\u207B\u00B3")) {
      TextOutlines.Text t = reader.read(new TextLayout(s, Charts.TITLE_FONT, frc).getOutline(null));
      assertEquals(s, t == null ? null : t.text(), "bold 9 pt " + s);
      assertEquals(Charts.TITLE_FONT, t.font());
    }
    Font other = new Font(Font.SERIF, Font.ITALIC, 13);
    assertNull(reader.read(new TextLayout("mse", other, frc).getOutline(null)), "a font the chart does not use");
    assertNull(reader.read(new Rectangle2D.Double(0, 0, 4, 4)), "a marker is a shape");
  }

  private static List<String> texts(String svg) {
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replace("&amp;", "&"));
    }
    return out;
  }
}
