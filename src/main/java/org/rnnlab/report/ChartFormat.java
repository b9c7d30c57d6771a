package org.rnnlab.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A file format a chart is written in: PNG for the page, SVG (text kept as text) and PDF for papers. */
public enum ChartFormat {
  PNG, SVG, PDF;

  /** Every format: what a report writes unless its spec or the command line chooses fewer. */
  public static final Set<ChartFormat> ALL = Set.copyOf(EnumSet.allOf(ChartFormat.class));

  /** The file extension, without the dot. */
  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The formats named by {@code names} ("png", "svg", "pdf"); PNG must be among them, since the page shows it. */
  public static Set<ChartFormat> of(List<String> names) {
    EnumSet<ChartFormat> out = EnumSet.noneOf(ChartFormat.class);
    for (String n : names) {
      try {
        out.add(valueOf(n.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown chart format \"" + n + "\"; expected png, svg or pdf");
      }
    }
    if (!out.contains(PNG)) {
      throw new IllegalArgumentException("the chart formats must include png, which the report's pages show");
    }
    return Set.copyOf(out);
  }
}
