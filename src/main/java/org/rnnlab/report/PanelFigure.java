package org.rnnlab.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

/**
 * Small multiples: several charts side by side in one figure, in rows of at most {@link #PER_ROW}
 * panels and at most {@link Charts#MAX_WIDTH} points, so that a figure of many panels grows down the
 * page rather than across it. A {@link Chart} itself, so it goes through the same PNG/SVG/PDF
 * encoders; tests read the panels through {@link #panels()}.
 */
public final class PanelFigure extends Chart<XYStyler, XYSeries> {
  /** Panels per row. */
  public static final int PER_ROW = 5;

  private final List<Chart<?, ?>> panels;
  private final List<List<Chart<?, ?>>> rows;

  /** A figure of {@code panels} (at least one), laid out in rows, each panel at its own size. */
  public PanelFigure(List<? extends Chart<?, ?>> panels) {
    this(panels, rows(panels));
  }

  private PanelFigure(List<? extends Chart<?, ?>> panels, List<List<Chart<?, ?>>> rows) {
    super(width(rows), height(rows), new XYStyler());
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one panel");
    }
    this.panels = List.copyOf(panels);
    this.rows = rows;
  }

  /** The panels in reading order. */
  public List<Chart<?, ?>> panels() {
    return panels;
  }

  /** The panels row by row: a row ends before the panel that would make it wider than allowed. */
  private static List<List<Chart<?, ?>>> rows(List<? extends Chart<?, ?>> panels) {
    List<List<Chart<?, ?>>> rows = new ArrayList<>();
    List<Chart<?, ?>> row = new ArrayList<>();
    int w = 0;
    for (Chart<?, ?> p : panels) {
      if (!row.isEmpty() && (row.size() == PER_ROW || w + p.getWidth() > Charts.MAX_WIDTH)) {
        rows.add(List.copyOf(row));
        row.clear();
        w = 0;
      }
      row.add(p);
      w += p.getWidth();
    }
    if (!row.isEmpty()) {
      rows.add(List.copyOf(row));
    }
    return List.copyOf(rows);
  }

  private static int width(List<List<Chart<?, ?>>> rows) {
    return Math.max(1, rows.stream().mapToInt(r -> r.stream().mapToInt(Chart::getWidth).sum()).max().orElse(0));
  }

  private static int height(List<List<Chart<?, ?>>> rows) {
    return Math.max(1, rows.stream().mapToInt(PanelFigure::rowHeight).sum());
  }

  private static int rowHeight(List<Chart<?, ?>> row) {
    return row.stream().mapToInt(Chart::getHeight).max().orElse(0);
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double sx = (double) width / getWidth();
    double sy = (double) height / getHeight();
    AffineTransform saved = g.getTransform();
    int y = 0;
    for (List<Chart<?, ?>> row : rows) {
      int x = 0;
      for (Chart<?, ?> p : row) {
        g.setTransform(saved);
        g.scale(sx, sy);
        g.translate(x, y);
        p.paint(g, p.getWidth(), p.getHeight());
        x += p.getWidth();
      }
      y += rowHeight(row);
    }
    g.setTransform(saved);
  }
}
