package org.rnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Shared look of the report's charts, and their encoding as PNG (for the HTML page), SVG and PDF
 * (for papers). Sizes are in points (1/72 inch): a {@link #WIDTH} x {@link #HEIGHT} chart is
 * 4.4 x 3.1 inches, so that at the width of one column of a two-column paper (about 3.4 inches)
 * its 8 pt tick labels print at about 6 pt and its 9 pt axis titles at 7 pt. PNGs are drawn at
 * {@link #PNG_SCALE} times that size (144 dpi), so they stay sharp on screen.
 */
public final class Charts {
  /** Chart width in points. */
  public static final int WIDTH = 320;

  /** Chart height in points. */
  public static final int HEIGHT = 224;

  /** The widest chart or figure in points: 1,920 PNG pixels, the width of a printed page at 144 dpi. */
  public static final int MAX_WIDTH = 960;

  /** One panel of a {@link PanelFigure}: narrower, same height. */
  public static final int PANEL_WIDTH = 150;

  /** PNG pixels per point. */
  static final int PNG_SCALE = 2;

  private static final String FONT = Font.SANS_SERIF;
  static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 9);
  static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 9);
  static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 8);
  static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 8);

  /** Okabe-Ito colours, distinguishable with the common forms of colour blindness. */
  private static final List<Color> PALETTE =
      List.of(
          new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
          new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442));

  public static final Color BASELINE_COLOR = new Color(0x555555);

  public static final BasicStroke DASHED =
      new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);

  /** A summary line (a median): bold. */
  public static final BasicStroke SOLID = new BasicStroke(1.6f);

  /** One seed's line: thin, drawn translucent under the summary. */
  public static final BasicStroke THIN = new BasicStroke(0.6f);

  /** Alpha of a single seed's line or dot. */
  public static final int SEED_ALPHA = 110;

  /** Values must span more than this ratio before a chart of final values gets a log axis. */
  public static final double LOG_SPAN = 100;

  /** Learning curves (losses falling from their initial value) get a log axis from one decade of span. */
  public static final double CURVE_LOG_SPAN = 10;

  private Charts() {}

  /** The colour of the variant at {@code index} in the experiment's variant list. */
  public static Color color(int index) {
    return PALETTE.get(Math.floorMod(index, PALETTE.size()));
  }

  /** Dash patterns of the variants after each {@link #PALETTE}-full: solid, dashed, dotted, dash-dotted. */
  private static final List<float[]> PATTERNS =
      java.util.Arrays.asList(null, new float[] {5f, 2.5f}, new float[] {1.2f, 2f}, new float[] {6f, 2f, 1.2f, 2f});

  private static final List<Marker> MARKERS =
      List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.DIAMOND);

  /**
   * The line of the variant at {@code index}, {@code width} wide: with {@link #color} it tells apart up to
   * 32 variants, since the first 8 are solid, the next 8 dashed, then dotted, then dash-dotted.
   */
  public static BasicStroke variantStroke(int index, float width) {
    float[] dash = PATTERNS.get(Math.floorMod(index / PALETTE.size(), PATTERNS.size()));
    return dash == null ? new BasicStroke(width)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  /** The marker of the variant at {@code index}: circle for the first 8, then square, triangle, diamond. */
  public static Marker variantMarker(int index) {
    return MARKERS.get(Math.floorMod(index / PALETTE.size(), MARKERS.size()));
  }

  /** {@code c} with the given alpha (0-255), for bands behind lines. */
  public static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /**
   * Whether values spread over more than two decades and are all positive, so that a log
   * axis shows the small ones (the interesting end when lower is better) instead of a flat line.
   */
  public static boolean wantsLog(double[] values) {
    return wantsLog(values, LOG_SPAN);
  }

  /** Whether the finite values are all positive and max/min exceeds {@code span}. */
  public static boolean wantsLog(double[] values, double span) {
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
    return max > 0 && max / min > span;
  }

  /**
   * The axis a chart setting asks for: "log", "linear", or "auto" (null too): log when
   * {@code lowerIsBetter} and the values {@link #wantsLog(double[], double) span} more than {@code span}.
   */
  public static boolean logAxis(String scale, String metric, boolean lowerIsBetter, double[] values, double span) {
    // a fraction (accuracy, success rate) reads as differences on [0, 1]: never log unless the spec asks
    boolean auto = scale == null || "auto".equals(scale);
    return !(auto && Labels.isFraction(metric)) && logAxis(scale, lowerIsBetter, values, span);
  }

  /** As {@link #logAxis(String, String, boolean, double[], double)} for a metric that is no fraction. */
  public static boolean logAxis(String scale, boolean lowerIsBetter, double[] values, double span) {
    if ("log".equals(scale)) {
      return allPositive(values);
    }
    if ("linear".equals(scale)) {
      return false;
    }
    return lowerIsBetter && wantsLog(values, span);
  }

  /**
   * Sets the y axis of {@code chart} to log or linear; a log axis over less than two decades of
   * {@code values} labels every 1..9 multiple, since decade labels alone would leave one or none.
   */
  public static void yAxis(AxesChartStyler styler, boolean log, double[] values) {
    styler.setYAxisLogarithmic(log);
    styler.setYAxisLogarithmicDecadeOnly(!log || wantsLog(values, LOG_SPAN));
  }

  /**
   * A log axis in XChart 3.8.8 labels every decade and draws a tick mark at every 1..9 multiple, and
   * takes no tick formatter; over more than this many decades at {@link #HEIGHT} its labels run into
   * each other, so such values are drawn as log10 on a linear axis instead ({@link #log10Axis}).
   */
  public static final int MAX_LOG_DECADES = 8;

  /** Whether the finite values are all positive and span more than {@link #MAX_LOG_DECADES} decades. */
  public static boolean manyDecades(double[] values) {
    return wantsLog(values, Math.pow(10, MAX_LOG_DECADES));
  }

  /** log10 of every value. */
  public static double[] log10(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.log10(values[i]);
    }
    return out;
  }

  /**
   * A linear y axis for values drawn as their log10, whose whole decades are labelled as the powers of
   * ten they stand for ("10⁻²⁰"), with about one tick per decade or fewer.
   */
  public static void log10Axis(XYChart chart) {
    AxesChartStyler s = chart.getStyler();
    s.setYAxisLogarithmic(false);
    double[] range = dataRange(chart, false);
    double min = range[0];
    double max = range[1];
    // XChart spaces ticks at least this far apart; a decade's height or more leaves no tick between decades
    double decades = Math.max(1, max - min);
    s.setYAxisTickMarkSpacingHint(Math.max(30, (int) Math.ceil((HEIGHT - 60) / decades)));
    chart.setCustomYAxisTickLabelsFormatter(Charts::powerOfTen);
  }

  /**
   * The label of the tick at log10 value {@code d}: "10⁻²⁰" at a whole decade; between decades an invisible
   * label (see {@link #categoryLabel}), as a log axis labels only its decades.
   */
  static String powerOfTen(double d) {
    long k = Math.round(d);
    if (Math.abs(d - k) >= 1e-9) {
      return "\u200B".repeat(1 + (int) Math.floorMod(Math.round(d * 8), 997L));
    }
    StringBuilder sb = new StringBuilder("10");
    for (char c : Long.toString(k).toCharArray()) {
      sb.append(c == '-' ? '\u207B' : SUPERSCRIPTS.charAt(c - '0'));
    }
    return sb.toString();
  }

  private static final String SUPERSCRIPTS = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";

  /**
   * Redraws a log y axis over two decades or more as log10 on a linear axis ({@link #log10Axis}), moving
   * every series and the axis limits with it, so that its decades read "10⁻⁵": XChart 3.8.8 labels a log
   * axis "1E-5" or "0.00001" and takes no formatter. Returns false, changing nothing, for any other axis and
   * for a chart with error bars (which do not map onto log10 symmetrically).
   */
  public static boolean decadeAxis(XYChart chart) {
    AxesChartStyler s = chart.getStyler();
    if (!s.isYAxisLogarithmic() || !s.isYAxisLogarithmicDecadeOnly()) {
      return false;
    }
    for (XYSeries series : chart.getSeriesMap().values()) {
      if (series.getExtraValues() != null) {
        return false;
      }
    }
    for (XYSeries series : List.copyOf(chart.getSeriesMap().values())) {
      double[] y = series.getYData();
      double[] ly = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        ly[i] = y[i] > 0 ? Math.log10(y[i]) : Double.NaN;
      }
      chart.updateXYSeries(series.getName(), series.getXData(), ly, null);
    }
    if (s.getYAxisMin() != null) {
      s.setYAxisMin(Math.log10(s.getYAxisMin()));
    }
    if (s.getYAxisMax() != null) {
      s.setYAxisMax(Math.log10(s.getYAxisMax()));
    }
    log10Axis(chart);
    return true;
  }

  /**
   * Spaces the x ticks by the tick spacing hint. On x values at equal steps (distances 0, 1, 2...;
   * updates 1, 2, 3...) XChart 3.8.8 puts a tick on every k-th value, as close as the labels allow,
   * so that they touch ("1 12 23 34"); ending the axis a hair after the last value breaks the equal
   * steps and gives round ticks (0, 20, 40). Call after adding the series.
   */
  public static void roundXTicks(XYChart chart) {
    double[] range = dataRange(chart, true);
    double min = range[0];
    double max = range[1];
    if (max > min) {
      chart.getStyler().setXAxisMin(min);
      chart.getStyler().setXAxisMax(max + 1e-3 * (max - min));
    }
  }

  /**
   * The smallest and largest finite x ({@code x}) or y value of every series of {@code chart}; [+inf, -inf] if
   * there is none.
   */
  static double[] dataRange(XYChart chart, boolean x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double v : x ? s.getXData() : s.getYData()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return new double[] {min, max};
  }

  /** At least {@code width}, and wide enough for {@code title} (about 5.6 points a character at 9 points bold). */
  public static int widthForTitle(int width, String title) {
    return Math.min(MAX_WIDTH, Math.max(width, 60 + (int) Math.ceil(5.6 * title.length())));
  }

  /**
   * A chart width that leaves the plot about as wide as a {@link #WIDTH} chart with short legend
   * entries: wider by about 4.6 points per character of the longest label beyond 12.
   */
  public static int widthForLegend(List<String> labels) {
    int longest = labels.stream().mapToInt(String::length).max().orElse(0);
    return Math.min(MAX_WIDTH, WIDTH + (int) Math.ceil(4.6 * Math.max(0, longest - 12)));
  }

  /** As {@link #yAxis} for the x axis. */
  public static void xAxis(AxesChartStyler styler, boolean log, double[] values) {
    styler.setXAxisLogarithmic(log);
    styler.setXAxisLogarithmicDecadeOnly(!log || wantsLog(values, LOG_SPAN));
  }

  private static boolean allPositive(double[] values) {
    for (double v : values) {
      if (Double.isFinite(v) && v <= 0) {
        return false;
      }
    }
    return true;
  }

  /** Applies the common styling to an axes chart: fonts and sizes for print, white, light grid, legend at the right. */
  public static void style(AxesChartStyler s) {
    s.setLocale(Locale.ROOT);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(Color.GRAY);
    s.setChartTitleFont(TITLE_FONT);
    s.setChartTitleBoxVisible(false);
    s.setChartTitlePadding(3);
    s.setAxisTitleFont(AXIS_TITLE_FONT);
    s.setAxisTickLabelsFont(TICK_FONT);
    s.setAxisTitlePadding(3);
    s.setAxisTickPadding(2);
    s.setAxisTickMarkLength(3);
    s.setLegendFont(LEGEND_FONT);
    s.setAnnotationTextFont(LEGEND_FONT); // XChart's default is a monospaced font
    // Beside the plot: below it, XChart 3.8.8 lets a horizontal legend overlap the x-axis title.
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendLayout(Styler.LegendLayout.Vertical);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendPadding(3);
    s.setLegendSeriesLineLength(14);
    s.setChartPadding(4);
    s.setPlotMargin(2);
    s.setMarkerSize(4);
    s.setPlotGridLinesColor(new Color(0xE6E6E6));
    s.setPlotGridLinesStroke(new BasicStroke(0.5f));
    // Decades only on a log axis: eight dashed minor lines per decade hide the data.
    s.setYAxisLogarithmicDecadeOnly(true);
    s.setXAxisLogarithmicDecadeOnly(true);
    s.setXAxisTickMarkSpacingHint(40);
    s.setYAxisTickMarkSpacingHint(30);
    s.setAntiAlias(true);
    s.setSeriesColors(PALETTE.toArray(Color[]::new));
    // XChart's default pattern drops the leading zero (".05").
    s.setYAxisDecimalPattern("0.########");
  }

  /** A styled XY chart of the standard height and {@code width} (at most {@link #MAX_WIDTH}) with its titles. */
  public static XYChart xyChart(int width, String title, String xTitle, String yTitle) {
    XYChart chart = new XYChart(Math.min(width, MAX_WIDTH), HEIGHT);
    style(chart.getStyler());
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    return chart;
  }

  /** A thin translucent line (one seed), not in the legend. */
  public static XYSeries seedLine(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(translucent(color, SEED_ALPHA));
    s.setLineStyle(THIN);
    s.setMarker(SeriesMarkers.NONE);
    s.setShowInLegend(false);
    return s;
  }

  /** A bold line (a median), in the legend under {@code label}. */
  public static XYSeries summaryLine(XYChart chart, String name, String label, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setLabel(label);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setLineStyle(SOLID);
    // A lone point would be an invisible zero-length line.
    s.setMarker(x.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    s.setMarkerColor(color);
    return s;
  }

  /** A dashed grey horizontal line at {@code y} from {@code x0} to {@code x1}. */
  public static XYSeries baseline(XYChart chart, String name, String label, double x0, double x1, double y) {
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    s.setLabel(label);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(BASELINE_COLOR);
    s.setLineStyle(DASHED);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /**
   * The tick label at {@code x} of an axis whose categories sit at 0, 1, 2...: the category's name
   * there, and elsewhere an invisible label (zero-width spaces) that differs for every position,
   * because XChart keeps widening the tick spacing until all labels are distinct and drops all
   * ticks when the first and last label are equal.
   */
  public static String categoryLabel(double x, List<String> names) {
    long i = Math.round(x);
    if (Math.abs(x - i) < 1e-9 && i >= 0 && i < names.size()) {
      return names.get((int) i);
    }
    return "\u200B".repeat(1 + (int) Math.floorMod(Math.round(x * 8), 997L));
  }

  /** The chart as PNG bytes, at {@link #PNG_SCALE} pixels per point. */
  public static byte[] png(Chart<?, ?> chart) throws IOException {
    int w = chart.getWidth();
    int h = chart.getHeight();
    BufferedImage image = new BufferedImage(w * PNG_SCALE, h * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.scale(PNG_SCALE, PNG_SCALE);
      chart.paint(g, w, h);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // the JDK's PNG writer at its strongest deflate level (its default is a faster one)
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.0f);
      writer.write(null, new javax.imageio.IIOImage(PngPalette.indexed(image), null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The chart as SVG, its labels as {@code <text>} elements. */
  public static byte[] svg(Chart<?, ?> chart) throws IOException {
    return SvgGraphics.svg(chart, fonts(chart));
  }

  /** The fonts {@code chart} (and each panel of a {@link PanelFigure}) draws its labels in, ours first. */
  static List<Font> fonts(Chart<?, ?> chart) {
    LinkedHashSet<Font> fonts = new LinkedHashSet<>(
        List.of(TICK_FONT, AXIS_TITLE_FONT, TITLE_FONT, LEGEND_FONT));
    addFonts(chart, fonts);
    return List.copyOf(fonts);
  }

  private static void addFonts(Chart<?, ?> chart, Set<Font> fonts) {
    if (chart instanceof PanelFigure f) {
      f.panels().forEach(p -> addFonts(p, fonts));
      return;
    }
    Styler s = chart.getStyler();
    fonts.add(s.getChartTitleFont());
    fonts.add(s.getLegendFont());
    fonts.add(s.getAnnotationTextFont());
    if (s instanceof AxesChartStyler a) {
      fonts.add(a.getAxisTitleFont());
      fonts.add(a.getAxisTickLabelsFont());
    }
  }

  /**
   * Makes room for the title of {@code chart} (of each panel of a figure) before it is drawn: XChart 3.8.8 centres a
   * title over the plot, so one wider than the plot (a long title over a plot narrowed by its legend) runs past both
   * edges of the chart and is cut. The chart widens until the plot holds the title (at most {@link #MAX_WIDTH}); a
   * title still too long (or a panel's, whose figure is laid out) gets a smaller font, down to 7 points. Widths are estimated from character counts (about
   * 5.6 points a character of 9-point bold, 4.6 of the 8-point legend), the same on every machine.
   */
  static void fitTitle(Chart<?, ?> chart) {
    if (chart instanceof PanelFigure f) {
      f.panels().forEach(p -> fitTitle(p, false)); // the figure's layout is fixed: its panels keep their widths
      return;
    }
    fitTitle(chart, true);
  }

  private static void fitTitle(Chart<?, ?> chart, boolean widen) {
    if (!(chart instanceof XYChart xy) || xy.getTitle() == null || xy.getTitle().isEmpty()) {
      return;
    }
    double need = 5.6 * xy.getTitle().length();
    double others = 60 + legendWidth(xy); // the y axis, its title, padding; the legend beside the plot
    if (widen && xy.getWidth() - others < need && xy.getWidth() < MAX_WIDTH) {
      setWidth(xy, (int) Math.min(MAX_WIDTH, Math.ceil(others + need)));
    }
    double plot = xy.getWidth() - others;
    if (plot < need) {
      float size = (float) Math.max(7.0, Math.floor(2 * 9.0 * plot / need) / 2);
      xy.getStyler().setChartTitleFont(TITLE_FONT.deriveFont(size));
    }
  }

  /** About the width of a legend beside the plot: its longest label, the line sample and padding; 0 if none. */
  private static double legendWidth(XYChart c) {
    if (!c.getStyler().isLegendVisible() || c.getStyler().getLegendPosition() != Styler.LegendPosition.OutsideE) {
      return 0;
    }
    int longest = 0;
    for (XYSeries s : c.getSeriesMap().values()) {
      if (s.isShowInLegend()) {
        longest = Math.max(longest, (s.getLabel() == null ? s.getName() : s.getLabel()).length());
      }
    }
    return longest == 0 ? 0 : 4.6 * longest + 30;
  }

  /** Sets the width of {@code chart}, which XChart 3.8.8 fixes at construction (its setter is protected). */
  private static void setWidth(Chart<?, ?> chart, int width) {
    try {
      java.lang.reflect.Method m = Chart.class.getDeclaredMethod("setWidth", int.class);
      m.setAccessible(true);
      m.invoke(chart, width);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("XChart's Chart.setWidth is not what 3.8.8 has", e);
    }
  }

  /** The chart as a one-page PDF of the chart's size in points. */
  public static byte[] pdf(Chart<?, ?> chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
    return out.toByteArray();
  }

  /** {@code file} ("final_mse.png") with another extension ("final_mse.svg"). */
  public static String withExtension(String file, String extension) {
    int dot = file.lastIndexOf('.');
    return (dot < 0 ? file : file.substring(0, dot)) + "." + extension;
  }
}
