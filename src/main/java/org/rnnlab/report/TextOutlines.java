package org.rnnlab.report;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the text of a glyph outline. XChart 3.8.8 draws every label as the outline of a
 * {@link TextLayout} (knowm/XChart#499), which in an SVG is a path per glyph: large, and not text a
 * reader can search or copy. This recognises such an outline glyph by glyph in one of the chart's
 * fonts, and accepts the result only if laying the text out again gives the same outline, so a
 * shape that is not text (or text it cannot read) is left a shape and the picture never changes.
 */
final class TextOutlines {
  /** Characters tried, besides printable ASCII: what our labels and number formats use. */
  private static final String EXTRA = "×±≈–—−·…≤≥→←ρσμλτηαβγδεθ∞°′²³⁰¹⁴⁵⁶⁷⁸⁹⁻⁺√∑∆Δ";

  /** Coordinates of a glyph and of the outline it is matched to may differ by this much. */
  private static final double EPS = 1e-3;

  /**
   * A recognised outline: its text, the font it is drawn in, and whether it reads upwards (a y-axis
   * title, which XChart turns a quarter anticlockwise).
   */
  record Text(String text, Font font, boolean upwards) {}

  /** XChart's turn of a y-axis title: exact, since AffineTransform rounds quarter turns. */
  static final AffineTransform UPWARDS = AffineTransform.getRotateInstance(-Math.PI / 2);
  private static final AffineTransform UNTURN = AffineTransform.getRotateInstance(Math.PI / 2);

  private record Glyph(char c, int[] types, double[] coords, double advance) {}

  private final FontRenderContext frc;
  private final List<Font> fonts;
  private final Map<Font, List<Glyph>> glyphs = new HashMap<>();
  private final Map<Font, Double> spaces = new HashMap<>();

  /** A reader of outlines laid out with {@code frc} in one of {@code fonts}. */
  TextOutlines(FontRenderContext frc, List<Font> fonts) {
    this.frc = frc;
    this.fonts = List.copyOf(fonts);
  }

  /** The text {@code outline} is the outline of, at the origin, or null if it is none the fonts draw. */
  Text read(Shape outline) {
    Path target = Path.of(outline);
    if (target.types.length == 0) {
      return null;
    }
    Path unturned = Path.of(UNTURN.createTransformedShape(outline));
    for (Font f : fonts) {
      String s = read(target, f);
      if (s != null && Path.of(new TextLayout(s, f, frc).getOutline(null)).equals(target)) {
        return new Text(s, f, false);
      }
      s = read(unturned, f);
      if (s != null && Path.of(new TextLayout(s, f, frc).getOutline(UPWARDS)).equals(target)) {
        return new Text(s, f, true);
      }
    }
    return null;
  }

  /** The characters whose glyphs, placed one after another, make {@code target}; null if none fit. */
  private String read(Path target, Font font) {
    List<Glyph> alphabet = glyphs.computeIfAbsent(font, this::alphabet);
    double space = spaces.computeIfAbsent(font, f -> advance(f, ' '));
    StringBuilder sb = new StringBuilder();
    int seg = 0;
    int coord = 0;
    double pen = 0;
    while (seg < target.types.length) {
      Glyph found = null;
      double dx = 0;
      // the longest glyph that fits: a '.' also fits the first dot of a ':'
      for (Glyph g : alphabet) {
        if ((found == null || g.types.length > found.types.length) && fits(g, target, seg, coord)) {
          found = g;
          dx = target.coords[coord] - g.coords[0];
        }
      }
      if (found == null) {
        return null;
      }
      // a space has no outline: it shows only as a gap before the next glyph
      long gaps = space > 0 ? Math.round((dx - pen) / space) : 0;
      for (long i = 0; i < gaps; i++) {
        sb.append(' ');
      }
      sb.append(found.c);
      pen = dx + found.advance;
      seg += found.types.length;
      coord += found.coords.length;
    }
    return sb.toString();
  }

  /** Whether glyph {@code g}, moved right, is the outline's next segments from {@code seg}. */
  private static boolean fits(Glyph g, Path target, int seg, int coord) {
    if (seg + g.types.length > target.types.length || coord + g.coords.length > target.coords.length) {
      return false;
    }
    double dx = target.coords[coord] - g.coords[0];
    for (int i = 0; i < g.types.length; i++) {
      if (target.types[seg + i] != g.types[i]) {
        return false;
      }
    }
    for (int i = 0; i < g.coords.length; i++) {
      double shift = i % 2 == 0 ? dx : 0;
      if (Math.abs(target.coords[coord + i] - (g.coords[i] + shift)) > EPS) {
        return false;
      }
    }
    return true;
  }

  private List<Glyph> alphabet(Font font) {
    List<Glyph> out = new ArrayList<>();
    StringBuilder chars = new StringBuilder();
    for (char c = 33; c < 127; c++) {
      chars.append(c);
    }
    chars.append(EXTRA);
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (!font.canDisplay(c)) {
        continue;
      }
      GlyphVector gv = font.createGlyphVector(frc, String.valueOf(c));
      Path p = Path.of(gv.getGlyphOutline(0));
      if (p.types.length > 0) {
        out.add(new Glyph(c, p.types, p.coords, gv.getGlyphMetrics(0).getAdvanceX()));
      }
    }
    return out;
  }

  private double advance(Font font, char c) {
    return font.createGlyphVector(frc, String.valueOf(c)).getGlyphMetrics(0).getAdvanceX();
  }

  /** A shape's path as segment types and their coordinates, in order. */
  private record Path(int[] types, double[] coords) {
    static Path of(Shape s) {
      List<Integer> types = new ArrayList<>();
      double[] coords = new double[64];
      int n = 0;
      double[] buf = new double[6];
      for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
        int type = it.currentSegment(buf);
        int k = switch (type) {
          case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 2;
          case PathIterator.SEG_QUADTO -> 4;
          case PathIterator.SEG_CUBICTO -> 6;
          default -> 0;
        };
        types.add(type);
        if (n + k > coords.length) {
          coords = Arrays.copyOf(coords, 2 * coords.length + k);
        }
        System.arraycopy(buf, 0, coords, n, k);
        n += k;
      }
      return new Path(types.stream().mapToInt(Integer::intValue).toArray(), Arrays.copyOf(coords, n));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Path p && Arrays.equals(types, p.types) && Arrays.equals(coords, p.coords);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(types) + Arrays.hashCode(coords);
    }
  }
}
