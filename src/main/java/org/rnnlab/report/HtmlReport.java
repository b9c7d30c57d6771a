package org.rnnlab.report;

import java.util.List;

/** Renders a {@link Doc} as one self-contained HTML page (index.html); only the PNGs are external. */
final class HtmlReport {
  static final String CSS =
      String.join(
          "\n",
          "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;"
              + "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}",
          "h1,h2,h3{line-height:1.2}h2{margin-top:1.8em;border-bottom:1px solid #ddd}",
          // a table wider than the page scrolls inside it instead of running past the body
          "table{border-collapse:collapse;margin:.8em 0;font-size:.92em;display:block;overflow-x:auto;max-width:100%}",
          "th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}",
          "th{background:#f4f4f4}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
          "pre{background:#f6f8fa;padding:.8em;overflow-x:auto}",
          "img{max-width:100%;border:1px solid #eee}",
          ".pass{color:#0a6b2d;font-weight:bold}.fail{color:#b00020;font-weight:bold}",
          "nav.toc{background:#f8f8f8;border:1px solid #e4e4e4;padding:.4em 1em;columns:2;font-size:.92em}",
          "nav.toc ul{margin:.2em 0;padding-left:1.2em}p.links{font-size:.85em;color:#555;margin-top:-.4em}",
          "figure{display:inline-block;vertical-align:top;width:48%;margin:0 1% 1.2em 0}",
          "figure.wide{width:98%}figure img{width:100%}figcaption{font-size:.85em;color:#333}");

  private HtmlReport() {}

  /** The HTML page; the first level-1 heading is also the page title. */
  static String render(Doc doc) {
    String title =
        doc.blocks().stream()
            .filter(b -> b instanceof Doc.Heading h && h.level() == 1)
            .map(b -> ((Doc.Heading) b).text())
            .findFirst()
            .orElse("report");
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
    for (Doc.Block block : doc.blocks()) {
      if (block instanceof Doc.Heading h) {
        out.append("<h").append(h.level()).append(" id=\"").append(escape(h.id())).append("\">")
            .append(escape(h.text())).append("</h").append(h.level()).append(">\n");
      } else if (block instanceof Doc.Toc) {
        out.append("<nav class=\"toc\"><ul>\n");
        for (Doc.Heading h : doc.sections()) {
          out.append("<li><a href=\"#").append(escape(h.id())).append("\">").append(escape(h.text()))
              .append("</a></li>\n");
        }
        out.append("</ul></nav>\n");
      } else if (block instanceof Doc.Links l) {
        links(out, l.label(), l.items());
      } else if (block instanceof Doc.Paragraph p) {
        out.append("<p>").append(escape(p.text())).append("</p>\n");
      } else if (block instanceof Doc.Table t) {
        table(out, t);
        if (t.export() != null) {
          links(out, "Export", MarkdownReport.exportLinks(t));
        }
      } else if (block instanceof Doc.Code c) {
        out.append("<pre><code>").append(escape(c.text())).append("</code></pre>\n");
      } else if (block instanceof Doc.Image i) {
        // A figure: the PNG, its caption and links to the vector versions for papers.
        String stem = i.file().replaceFirst("\\.png$", "");
        out.append("<figure").append(i.file().startsWith("final_") ? " class=\"wide\"" : "").append("><a href=\"")
            .append(escape(i.file())).append("\"><img src=\"").append(escape(i.file())).append("\" alt=\"")
            .append(escape(i.alt())).append("\"></a><figcaption>").append(escape(i.alt()));
        String sep = " ";
        for (String v : i.vectors()) {
          out.append(sep).append("<a href=\"").append(escape(stem)).append('.').append(v).append("\">")
              .append(v.toUpperCase(java.util.Locale.ROOT)).append("</a>");
          sep = " · ";
        }
        out.append("</figcaption></figure>\n");
      } else if (block instanceof Doc.Bullets b) {
        out.append("<ul>\n");
        for (Doc.Item item : b.items()) {
          out.append("<li>");
          if (!item.label().isEmpty()) {
            out.append("<strong>").append(escape(item.label())).append("</strong>: ");
          }
          if (item.href() != null) {
            out.append("<a href=\"").append(escape(item.href())).append("\">")
                .append(escape(item.text())).append("</a>");
          } else {
            out.append(escape(item.text()));
          }
          out.append("</li>\n");
        }
        out.append("</ul>\n");
      }
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static void links(StringBuilder out, String label, List<Doc.Item> items) {
    out.append("<p class=\"links\">").append(escape(label)).append(": ");
    for (int i = 0; i < items.size(); i++) {
      Doc.Item it = items.get(i);
      out.append(i == 0 ? "" : " · ").append("<a href=\"").append(escape(it.href())).append("\">")
          .append(escape(it.text())).append("</a>");
    }
    out.append("</p>\n");
  }

  private static void table(StringBuilder out, Doc.Table t) {
    out.append("<table>\n<thead><tr>");
    for (int i = 0; i < t.header().size(); i++) {
      out.append(cellStart("th", t.align().charAt(i), t.header().get(i)))
          .append(escape(t.header().get(i))).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        out.append(cellStart("td", t.align().charAt(i), row.get(i)))
            .append(escape(row.get(i))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  /** The opening tag; claim verdicts get a colour so a failing claim stands out. */
  private static String cellStart(String tag, char align, String text) {
    String cls = align == 'r' ? "r" : "";
    if (tag.equals("td") && (text.equals(ReportBuilder.PASS) || text.equals(ReportBuilder.FAIL))) {
      cls = (cls + " " + text.toLowerCase(java.util.Locale.ROOT)).trim();
    }
    return cls.isEmpty() ? "<" + tag + ">" : "<" + tag + " class=\"" + cls + "\">";
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
