package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  @Test
  void escapesOnlyWhatMarkdownWouldInterpret() {
    assertEquals("seq_len rnn__seq_len-100__s2", MarkdownReport.escape("seq_len rnn__seq_len-100__s2"));
    assertEquals("\\_x\\_ and a\\_ \\*b\\* \\`c\\` \\\\", MarkdownReport.escape("_x_ and a_ *b* `c` \\"));
    assertEquals("\\[link](http://x) a \\| b", MarkdownReport.escape("[link](http://x) a | b"));
    assertEquals("mse < 0.05, <= 1, \\<b>x\\</b>", MarkdownReport.escape("mse < 0.05, <= 1, <b>x</b>"));
    assertEquals("-0.5 # 1", MarkdownReport.escape("-0.5 # 1"));
  }

  @Test
  void escapesBlockSyntaxAtTheStartOfALine() {
    assertEquals("\\# not a heading", MarkdownReport.escapeBlock("# not a heading"));
    assertEquals("\\- not a list", MarkdownReport.escapeBlock("- not a list"));
    assertEquals("1\\. not a list", MarkdownReport.escapeBlock("1. not a list"));
    assertEquals("\\> not a quote", MarkdownReport.escapeBlock("> not a quote"));
  }

  @Test
  void rendersTablesWithAlignmentAndOneLineParagraphs() {
    Doc doc =
        new Doc()
            .heading(1, "T")
            .paragraph("two\nlines")
            .table(List.of("a", "n"), List.of(List.of("x|y", "-1")), "lr");
    assertEquals(
        "# T\n\ntwo lines\n\n| a | n |\n| --- | ---: |\n| x\\|y | -1 |\n", MarkdownReport.render(doc));
  }

  @Test
  void repeatedHeadingsLinkToGitHubsAnchors() {
    // GitHub: "Charts" -> #charts, the second "Charts" -> #charts-1
    Doc doc = new Doc().heading(1, "Charts").toc().heading(2, "Overview").heading(2, "Charts");
    String md = MarkdownReport.render(doc);
    assertTrue(md.contains("(#overview)"), md);
    assertTrue(md.contains("(#charts-1)"), md);
  }
}
