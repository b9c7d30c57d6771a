package org.rnnlab.cli;

import java.util.ArrayList;
import java.util.List;

/** A table for the terminal: columns padded to their widest cell, each left ('l') or right ('r') aligned. */
final class ConsoleTable {
  private ConsoleTable() {}

  /** The rows as lines indented by two spaces, columns {@code gap} spaces apart, trailing blanks stripped. */
  static List<String> lines(List<List<String>> rows, String align, int gap) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    if (align.length() != columns) {
      throw new IllegalArgumentException("align \"" + align + "\" for " + columns + " columns");
    }
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder sb = new StringBuilder("  ");
      for (int i = 0; i < row.size(); i++) {
        String pad = " ".repeat(width[i] - row.get(i).length());
        sb.append(i == 0 ? "" : " ".repeat(gap)).append(align.charAt(i) == 'l' ? row.get(i) + pad : pad + row.get(i));
      }
      out.add(sb.toString().stripTrailing());
    }
    return out;
  }
}
