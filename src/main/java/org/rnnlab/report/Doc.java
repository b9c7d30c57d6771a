package org.rnnlab.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The report as a list of blocks of plain text. README.md and index.html are both rendered
 * from one Doc, so they cannot drift apart; renderers do all escaping.
 */
final class Doc {
  /** A piece of the report. */
  sealed interface Block permits Heading, Paragraph, Table, Code, Image, Bullets, Toc, Links {}

  /** A heading, level 1 (title) to 3; {@code id} is its anchor (unique in the document). */
  record Heading(int level, String text, String id) implements Block {}

  /** The table of contents: a link to every level-2 heading, rendered where this block stands. */
  record Toc() implements Block {}

  /** One line of links, "label: a · b". */
  record Links(String label, List<Item> items) implements Block {}

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /**
   * A table of plain-text cells.
   *
   * @param align one character per column: 'l' left, 'r' right (numbers)
   * @param export the file stem under which the table is also written as LaTeX and Markdown
   *     (tables/STEM.tex, tables/STEM.md), or null
   */
  record Table(List<String> header, List<List<String>> rows, String align, String export) implements Block {}

  /** A verbatim block, e.g. a shell command. */
  record Code(String text) implements Block {}

  /** A chart's PNG in the report directory with its caption; {@code vectors}: the extensions of its other files ("svg", "pdf"). */
  record Image(String file, String alt, List<String> vectors) implements Block {}

  /** A bulleted list. */
  record Bullets(List<Item> items) implements Block {}

  /**
   * One bullet: "label: text", the text linked to {@code href} if that is not null.
   *
   * @param label shown emphasised; may be empty
   */
  record Item(String label, String text, String href) {}

  private final List<Block> blocks = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  Doc heading(int level, String text) {
    String base = slug(text);
    String id = base;
    // GitHub numbers a repeated heading's anchor -1, -2, ...: the Markdown table of contents must agree
    for (int i = 1; ids.contains(id); i++) {
      id = base + "-" + i;
    }
    ids.add(id);
    blocks.add(new Heading(level, text, id));
    return this;
  }

  Doc toc() {
    blocks.add(new Toc());
    return this;
  }

  Doc links(String label, List<Item> items) {
    blocks.add(new Links(label, List.copyOf(items)));
    return this;
  }

  /** The level-2 headings, in order, for a table of contents. */
  List<Heading> sections() {
    return blocks.stream().filter(b -> b instanceof Heading h && h.level() == 2).map(b -> (Heading) b).toList();
  }

  /** The tables to export, in order. */
  List<Table> exports() {
    return blocks.stream().filter(b -> b instanceof Table t && t.export() != null).map(b -> (Table) b).toList();
  }

  /** GitHub's anchor rule: lower case, spaces to '-', punctuation other than '-' and '_' dropped. */
  static String slug(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        sb.append(c);
      } else if (c == ' ') {
        sb.append('-');
      }
    }
    return sb.length() == 0 ? "section" : sb.toString();
  }

  Doc paragraph(String text) {
    blocks.add(new Paragraph(text));
    return this;
  }

  Doc table(List<String> header, List<List<String>> rows, String align) {
    return table(header, rows, align, null);
  }

  /** A table also exported as tables/{@code export}.tex and .md (null: not exported). */
  Doc table(List<String> header, List<List<String>> rows, String align, String export) {
    if (align.length() != header.size()) {
      throw new IllegalArgumentException("align has " + align.length() + " columns, header " + header.size());
    }
    blocks.add(new Table(List.copyOf(header), List.copyOf(rows), align, export));
    return this;
  }

  Doc code(String text) {
    blocks.add(new Code(text));
    return this;
  }

  Doc image(String file, String alt, List<String> vectors) {
    blocks.add(new Image(file, alt, vectors));
    return this;
  }

  Doc bullets(List<Item> items) {
    blocks.add(new Bullets(List.copyOf(items)));
    return this;
  }
}
