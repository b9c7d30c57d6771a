package org.rnnlab.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

/**
 * Small multiples: several charts side by side in one figure, each with its own axes (unrelated
 * tasks on their own scales), in rows of at most {@link #PER_ROW}. A {@link Chart} itself, so it
 * goes through the same PNG/SVG/PDF encoders; tests read the panels through {@link #panels()}.
 */
public final class PanelFigure extends Chart<XYStyler, XYSeries> {
  /** Panels per row. */
  public static final int PER_ROW = 5;

  private final List<Chart<?, ?>> panels;

  /** A figure of {@code panels} (at least one), laid out in rows, each panel at its own size. */
  public PanelFigure(List<? extends Chart<?, ?>> panels) {
    super(width(panels), height(panels), new XYStyler());
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one panel");
    }
    this.panels = List.copyOf(panels);
  }

  /** The panels in reading order. */
  public List<Chart<?, ?>> panels() {
    return panels;
  }

  private static int width(List<? extends Chart<?, ?>> panels) {
    int best = 0;
    for (int row = 0; row * PER_ROW < panels.size(); row++) {
      int w = 0;
      for (int i = row * PER_ROW; i < Math.min(panels.size(), (row + 1) * PER_ROW); i++) {
        w += panels.get(i).getWidth();
      }
      best = Math.max(best, w);
    }
    return Math.max(1, best);
  }

  private static int height(List<? extends Chart<?, ?>> panels) {
    int h = 0;
    for (int row = 0; row * PER_ROW < panels.size(); row++) {
      int rowHeight = 0;
      for (int i = row * PER_ROW; i < Math.min(panels.size(), (row + 1) * PER_ROW); i++) {
        rowHeight = Math.max(rowHeight, panels.get(i).getHeight());
      }
      h += rowHeight;
    }
    return Math.max(1, h);
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double sx = (double) width / getWidth();
    double sy = (double) height / getHeight();
    AffineTransform saved = g.getTransform();
    int y = 0;
    for (int row = 0; row * PER_ROW < panels.size(); row++) {
      int x = 0;
      int rowHeight = 0;
      for (int i = row * PER_ROW; i < Math.min(panels.size(), (row + 1) * PER_ROW); i++) {
        Chart<?, ?> p = panels.get(i);
        g.setTransform(saved);
        g.scale(sx, sy);
        g.translate(x, y);
        p.paint(g, p.getWidth(), p.getHeight());
        x += p.getWidth();
        rowHeight = Math.max(rowHeight, p.getHeight());
      }
      y += rowHeight;
    }
    g.setTransform(saved);
  }
}
