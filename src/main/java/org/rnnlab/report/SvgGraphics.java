package org.rnnlab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.MutableCommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A vector recorder that writes the glyph outlines XChart fills as text ({@link TextOutlines}): an
 * SVG label becomes a {@code <text>} element, a few dozen bytes a reader can search, instead of a
 * path per glyph. Any other shape is recorded as it is.
 */
final class SvgGraphics extends VectorGraphics2D {
  /** Font families for the SVG viewer: Java's logical "SansSerif" is DejaVu Sans on Linux. */
  private static final String FAMILIES = "font-family:'DejaVu Sans',Verdana,Arial,Helvetica,sans-serif;";

  /** An attribute and its value; only values are compacted, never the text of a label. */
  private static final Pattern ATTRIBUTE = Pattern.compile("( [a-zA-Z:-]+=\")([^\"]*)\"");
  private static final Pattern DECIMALS = Pattern.compile("(\\d\\.\\d{1,2})\\d+");
  private static final Pattern FONT = Pattern.compile("font-family:&quot;[^&]*&quot;;");

  private final TextOutlines reader;

  private SvgGraphics(List<Font> fonts) {
    this.reader = new TextOutlines(getFontRenderContext(), fonts);
  }

  /** Whether the current paint is a fully transparent colour: what it draws is invisible, so it is not recorded. */
  private boolean invisible() {
    return getPaint() instanceof java.awt.Color c && c.getAlpha() == 0;
  }

  @Override
  public void draw(Shape s) {
    if (!invisible()) {  // XChart strokes some series outlines in a transparent colour: an element each
      super.draw(s);
    }
  }

  @Override
  public void fill(Shape s) {
    if (invisible()) {
      return;
    }
    TextOutlines.Text t = reader.read(s);
    if (t == null) {
      super.fill(s);
      return;
    }
    Font saved = getFont();
    AffineTransform at = getTransform();
    if (t.upwards()) {
      transform(TextOutlines.UPWARDS);
    }
    setFont(t.font());
    drawString(t.text(), 0f, 0f);
    setFont(saved);
    setTransform(at);
  }

  /** {@code chart} as an SVG document of its size in points, its labels as text in one of {@code fonts}. */
  static byte[] svg(Chart<?, ?> chart, List<Font> fonts) throws IOException {
    SvgGraphics g = new SvgGraphics(fonts);
    chart.paint(g, chart.getWidth(), chart.getHeight());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SVGProcessor().getDocument(joinLines(g.getCommands()), new PageSize(0, 0, chart.getWidth(), chart.getHeight()))
        .writeTo(out);
    return compact(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The commands with each run of line segments drawn one after another, end to start, in one stroke, as one
   * path: XChart draws a series segment by segment, which would be an SVG element per data point.
   */
  static CommandSequence joinLines(CommandSequence commands) {
    MutableCommandSequence out = new MutableCommandSequence();
    Path2D.Double path = null;
    Point2D end = null;
    Object stroke = null;
    for (Command<?> c : commands) {
      if (c instanceof SetStrokeCommand set) {
        // XChart sets the stroke again before every segment; the same stroke changes nothing
        if (path != null && set.getValue().equals(stroke)) {
          continue;
        }
        stroke = set.getValue();
      }
      if (c instanceof DrawShapeCommand d && d.getValue() instanceof Line2D l) {
        if (path != null && l.getP1().equals(end)) {
          path.lineTo(l.getX2(), l.getY2());
        } else {
          flush(out, path);
          path = new Path2D.Double();
          path.moveTo(l.getX1(), l.getY1());
          path.lineTo(l.getX2(), l.getY2());
        }
        end = l.getP2();
        continue;
      }
      flush(out, path);
      path = null;
      out.add(c);
    }
    flush(out, path);
    return out;
  }

  private static void flush(MutableCommandSequence out, Path2D.Double path) {
    if (path != null) {
      out.add(new DrawShapeCommand(path));
    }
  }

  /**
   * {@code svg} with coordinates to 1/100 point (far below what a printer resolves) and the font named
   * so that viewers without it fall back to a sans-serif face.
   */
  static String compact(String svg) {
    StringBuilder sb = new StringBuilder(svg.length());
    Matcher m = ATTRIBUTE.matcher(svg);
    while (m.find()) {
      String value = DECIMALS.matcher(m.group(2)).replaceAll("$1");
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + value + "\""));
    }
    m.appendTail(sb);
    return FONT.matcher(sb).replaceAll(Matcher.quoteReplacement(FAMILIES));
  }
}
