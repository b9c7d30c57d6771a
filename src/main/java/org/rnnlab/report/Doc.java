package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as a list of blocks of plain text. README.md and index.html are both rendered
 * from one Doc, so they cannot drift apart; renderers do all escaping.
 */
final class Doc {
  /** A piece of the report. */
  sealed interface Block permits Heading, Paragraph, Table, Code, Image, Bullets {}

  /** A heading, level 1 (title) to 3. */
  record Heading(int level, String text) implements Block {}

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /**
   * A table of plain-text cells.
   *
   * @param align one character per column: 'l' left, 'r' right (numbers)
   */
  record Table(List<String> header, List<List<String>> rows, String align) implements Block {}

  /** A verbatim block, e.g. a shell command. */
  record Code(String text) implements Block {}

  /** A picture in the report directory. */
  record Image(String file, String alt) implements Block {}

  /** A bulleted list. */
  record Bullets(List<Item> items) implements Block {}

  /**
   * One bullet: "label: text", the text linked to {@code href} if that is not null.
   *
   * @param label shown emphasised; may be empty
   */
  record Item(String label, String text, String href) {}

  private final List<Block> blocks = new ArrayList<>();

  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  Doc heading(int level, String text) {
    blocks.add(new Heading(level, text));
    return this;
  }

  Doc paragraph(String text) {
    blocks.add(new Paragraph(text));
    return this;
  }

  Doc table(List<String> header, List<List<String>> rows, String align) {
    if (align.length() != header.size()) {
      throw new IllegalArgumentException("align has " + align.length() + " columns, header " + header.size());
    }
    blocks.add(new Table(List.copyOf(header), List.copyOf(rows), align));
    return this;
  }

  Doc code(String text) {
    blocks.add(new Code(text));
    return this;
  }

  Doc image(String file, String alt) {
    blocks.add(new Image(file, alt));
    return this;
  }

  Doc bullets(List<Item> items) {
    blocks.add(new Bullets(List.copyOf(items)));
    return this;
  }
}
