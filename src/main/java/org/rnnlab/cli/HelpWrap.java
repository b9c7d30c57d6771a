package org.rnnlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Wraps picocli's help at spaces only. Picocli's own wrapping breaks inside words at "." and "[",
 * which splits paths ("results/NAME[." / "PROFILE]/") and option lists across lines; here picocli lays
 * out each row on one line and every over-long row is wrapped at its spaces, continuing under its
 * own text column (an option's or command's description, a synopsis's first option). A word longer
 * than the room is never broken.
 */
final class HelpWrap {
  /** Wide enough that picocli never wraps a row itself. */
  private static final int UNWRAPPED = 10_000;
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
  /** An indented row whose text column follows a label and two or more spaces. */
  private static final Pattern COLUMNS = Pattern.compile("^(\\s+\\S.*?\\s{2,})\\S");

  private HelpWrap() {}

  /** Makes every help section of {@code cl} (and its subcommands) wrap at spaces to {@code width} columns. */
  static void install(CommandLine cl, int width) {
    cl.setUsageHelpAutoWidth(false);
    cl.setUsageHelpWidth(UNWRAPPED);
    java.util.Map<String, CommandLine.IHelpSectionRenderer> sections = new java.util.LinkedHashMap<>();
    cl.getHelpSectionMap().forEach((key, r) -> sections.put(key, key.equals(CommandLine.Model.UsageMessageSpec
        .SECTION_KEY_SYNOPSIS) ? help -> synopsis(r.render(help), help.synopsisHeading().length(), width)
        : help -> wrap(r.render(help), width)));
    cl.setHelpSectionMap(sections);
  }

  /** {@code text} with every line longer than {@code width} visible columns wrapped at spaces. */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(wrapLine(lines[i], width));
    }
    return out.toString();
  }

  /**
   * The synopsis ("rnnlab run [-hV] ... NAME"), which follows the heading "Usage: " on its line: wrapped
   * at spaces, continued under the first option.
   */
  static String synopsis(String text, int heading, int width) {
    String line = text.stripTrailing();
    if (line.contains("\n") || heading + visible(line) <= width) {
      return text;
    }
    int opt = line.indexOf(" [");
    int dash = line.indexOf(" -");
    int at = opt < 0 ? dash : dash < 0 ? opt : Math.min(opt, dash);
    int indent = at < 0 ? 0 : at + 1;
    // lay out as if the heading were part of the line, then drop it again
    String wrapped = wrapLine(" ".repeat(heading) + line, heading + indent, width);
    return wrapped.substring(heading) + text.substring(line.length());
  }

  private static String wrapLine(String line, int width) {
    return visible(line) <= width ? line : wrapLine(line, indent(line), width);
  }

  private static String wrapLine(String line, int indent, int width) {
    if (visible(line) <= width) {
      return line;
    }
    String head = line.substring(0, indent);
    List<String> words = new ArrayList<>(List.of(line.substring(indent).trim().split(" +")));
    String pad = " ".repeat(visible(head));
    StringBuilder out = new StringBuilder(head);
    int col = visible(head);
    boolean first = true;
    for (String w : words) {
      int len = visible(w);
      if (!first && col + 1 + len > width) {
        out.append('\n').append(pad);
        col = pad.length();
        first = true;
      }
      if (!first) {
        out.append(' ');
        col++;
      }
      out.append(w);
      col += len;
      first = false;
    }
    return out.toString();
  }

  /** Where a row's text column starts: after a label and its gap, else 0. */
  private static int indent(String line) {
    String plain = ANSI.matcher(line).replaceAll("");
    if (plain.equals(line)) {
      Matcher m = COLUMNS.matcher(line);
      return m.find() && m.end(1) < line.length() / 2 ? m.end(1) : 0;
    }
    return 0; // coloured text: wrap from the start of the line rather than miscount a column
  }

  private static int visible(String s) {
    return ANSI.matcher(s).replaceAll("").length();
  }
}
