package org.rnnlab.report;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown (README.md). */
final class MarkdownReport {
  private MarkdownReport() {}

  /** The Markdown text, "\n" line ends, ending in a single newline. */
  static String render(Doc doc) {
    StringBuilder out = new StringBuilder();
    for (Doc.Block block : doc.blocks()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (block instanceof Doc.Heading h) {
        out.append("#".repeat(h.level())).append(' ').append(escape(h.text())).append('\n');
      } else if (block instanceof Doc.Toc) {
        for (Doc.Heading h : doc.sections()) {
          out.append("- [").append(escape(h.text())).append("](#").append(h.id()).append(")\n");
        }
      } else if (block instanceof Doc.Links l) {
        links(out, l.label(), l.items());
      } else if (block instanceof Doc.Paragraph p) {
        // One line per paragraph: a line break inside could start block syntax on the next line.
        out.append(escapeBlock(p.text().strip().replaceAll("\\s*\\R\\s*", " "))).append('\n');
      } else if (block instanceof Doc.Table t) {
        table(out, t);
        if (t.export() != null) {
          out.append('\n');
          links(out, "Export", exportLinks(t));
        }
      } else if (block instanceof Doc.Code c) {
        // A fence longer than any backtick run inside, so the code cannot close it.
        String fence = "```";
        while (c.text().contains(fence)) {
          fence += "`";
        }
        out.append(fence).append('\n').append(c.text()).append('\n').append(fence).append('\n');
      } else if (block instanceof Doc.Image i) {
        String stem = i.file().replaceFirst("\\.png$", "");
        out.append("![").append(escape(i.alt())).append("](").append(i.file()).append(")\n\n")
            .append(escapeBlock(i.alt()));
        String sep = " ";
        for (String v : i.vectors()) {
          out.append(sep).append('[').append(v.toUpperCase(java.util.Locale.ROOT)).append("](").append(stem).append('.')
              .append(v).append(')');
          sep = " · ";
        }
        out.append('\n');
      } else if (block instanceof Doc.Bullets b) {
        for (Doc.Item item : b.items()) {
          out.append("- ");
          if (!item.label().isEmpty()) {
            out.append("**").append(escape(item.label())).append("**: ");
          }
          if (item.href() != null) {
            out.append('[').append(escape(item.text())).append("](").append(item.href()).append(')');
          } else {
            out.append(item.label().isEmpty() ? escapeBlock(item.text()) : escape(item.text()));
          }
          out.append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The links to a table's LaTeX and Markdown files. */
  static java.util.List<Doc.Item> exportLinks(Doc.Table t) {
    return List.of(new Doc.Item("", "LaTeX", "tables/" + t.export() + ".tex"),
        new Doc.Item("", "Markdown", "tables/" + t.export() + ".md"));
  }

  private static void links(StringBuilder out, String label, List<Doc.Item> items) {
    out.append(escape(label)).append(": ");
    for (int i = 0; i < items.size(); i++) {
      Doc.Item it = items.get(i);
      out.append(i == 0 ? "" : " · ").append('[').append(escape(it.text())).append("](").append(it.href()).append(')');
    }
    out.append('\n');
  }

  /** One table alone, as a Markdown file of its own. */
  static String table(Doc.Table t) {
    StringBuilder out = new StringBuilder();
    table(out, t);
    return out.toString();
  }

  private static void table(StringBuilder out, Doc.Table t) {
    row(out, t.header());
    out.append('|');
    for (int i = 0; i < t.header().size(); i++) {
      out.append(t.align().charAt(i) == 'r' ? " ---: |" : " --- |");
    }
    out.append('\n');
    for (List<String> r : t.rows()) {
      row(out, r);
    }
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String c : cells) {
      out.append(' ').append(escape(c).replace("\n", " ")).append(" |");
    }
    out.append('\n');
  }

  /**
   * Escapes text that starts a line, where "#", ">", "-", "+" and "1." would start a heading,
   * quote or list.
   */
  static String escapeBlock(String s) {
    String e = escape(s);
    if (!e.isEmpty() && "#>-+".indexOf(e.charAt(0)) >= 0) {
      return "\\" + e;
    }
    return e.replaceFirst("^(\\d+)([.)])", "$1\\\\$2");
  }

  /**
   * Escapes text so that Markdown shows it literally, escaping only what could take effect,
   * to keep the raw file readable: runs of underscores between letters or digits (seq_len,
   * rnn__s0) cannot start emphasis in GFM; {@code <} only matters before a tag-like character;
   * a lone {@code ]} cannot make a link. For inline content: table cells, headings, link text.
   */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '`', '*', '[', '|' -> out.append('\\').append(c);
        case '<' -> {
          boolean tagLike = i + 1 < n && (Character.isLetter(s.charAt(i + 1)) || "/!?".indexOf(s.charAt(i + 1)) >= 0);
          out.append(tagLike ? "\\<" : "<");
        }
        case '_' -> {
          int end = i;
          while (end < n && s.charAt(end) == '_') {
            end++;
          }
          boolean intraword =
              i > 0 && end < n
                  && Character.isLetterOrDigit(s.charAt(i - 1))
                  && Character.isLetterOrDigit(s.charAt(end));
          for (int k = i; k < end; k++) {
            out.append(intraword ? "_" : "\\_");
          }
          i = end - 1;
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
