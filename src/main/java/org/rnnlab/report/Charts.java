package org.rnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** Shared look of the report's charts, and PNG encoding. */
final class Charts {
  /** Fixed pixel size: the same data must give the same picture. */
  static final int WIDTH = 900;

  static final int HEIGHT = 540;

  /** Okabe-Ito colours, distinguishable with the common forms of colour blindness. */
  private static final List<Color> PALETTE =
      List.of(
          new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
          new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442));

  static final Color BASELINE_COLOR = new Color(0x555555);

  static final BasicStroke DASHED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  static final BasicStroke SOLID = new BasicStroke(2f);

  /** A chart needs at least a decade ratio this large before the y axis goes logarithmic. */
  private static final double LOG_SPAN = 100;

  private Charts() {}

  /** The colour of the variant at {@code index} in the experiment's variant list. */
  static Color color(int index) {
    return PALETTE.get(Math.floorMod(index, PALETTE.size()));
  }

  /** {@code c} with the given alpha (0-255), for bands behind lines. */
  static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /**
   * Whether values spread over more than two decades and are all positive, so that a log
   * axis shows the small ones (the interesting end when lower is better) instead of a flat line.
   */
  static boolean wantsLog(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        continue;
      }
      if (v <= 0) {
        return false;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max > 0 && max / min > LOG_SPAN;
  }

  /** Applies the common styling to an axes chart. */
  static void style(AxesChartStyler s) {
    s.setLocale(Locale.ROOT);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setPlotGridLinesColor(new Color(0xE0E0E0));
    s.setAntiAlias(true);
    s.setSeriesColors(PALETTE.toArray(Color[]::new));
    // XChart's default pattern drops the leading zero (".05").
    s.setYAxisDecimalPattern("0.########");
  }

  /** The chart as PNG bytes. */
  static byte[] png(Chart<?, ?> chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    return out.toByteArray();
  }
}
