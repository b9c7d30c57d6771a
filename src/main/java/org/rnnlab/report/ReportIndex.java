package org.rnnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rnnlab.results.AtomicWrite;

/** The landing page of a reports directory: one row per experiment report found below it. */
final class ReportIndex {
  /** Reports are expected at reports/NAME or reports/NAME/PROFILE; deeper is not searched. */
  private static final int MAX_DEPTH = 3;

  private ReportIndex() {}

  /**
   * What the index shows for one report: {@code written} is the day (UTC) its report.json was last written,
   * {@code headline} its best group's main metric in words ("" if unknown).
   */
  record Entry(String path, String name, String profile, String written, String headline, String claims,
               String description) {}

  /** The report.json key of {@link #headline(Results)}. */
  static final String HEADLINE = "headline";

  /** Adds {@link #headline} to a report.json's {@code root} (nothing if there is none), for the index to show. */
  static void addHeadline(ObjectNode root, Results results) {
    ObjectNode h = headline(results);
    if (h != null) {
      root.set(HEADLINE, h);
    }
  }

  /**
   * The report's headline number for the index, deterministic (report.json is rebuilt bit for bit): the group
   * with the best mean of the main metric, its display name, mean and interval as the headline table shows them;
   * null if no group has an ok value of it.
   */
  static ObjectNode headline(Results results) {
    Headline h = Headline.of(results);
    boolean lower = results.experiment().lowerIsBetter();
    String best = null;
    Headline.Cell bestCell = null;
    for (Headline.Row r : h.rows()) {
      for (int i = 0; i < r.cells().size(); i++) {
        Headline.Cell c = r.cells().get(i);
        if (c == null || c.n() == 0 || !Double.isFinite(c.mean())) {
          continue;
        }
        if (bestCell == null || (lower ? c.mean() < bestCell.mean() : c.mean() > bestCell.mean())) {
          bestCell = c;
          best = h.variants().get(i) + (h.rows().size() == 1 || r.point().equals("all") ? "" : ", " + r.point());
        }
      }
    }
    if (bestCell == null) {
      return null;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("metric", h.metricLabel());
    out.put("lower_is_better", lower);
    out.put("best", best);
    out.put("mean", bestCell.mean());
    out.put("text", (lower ? "lowest " : "highest ") + h.metricLabel() + ": " + best + ", " + bestCell.text());
    return out;
  }

  static void write(Path reportsRoot) throws IOException {
    Files.createDirectories(reportsRoot);
    List<Entry> entries = find(reportsRoot);
    StringBuilder rows = new StringBuilder();
    for (Entry e : entries) {
      rows.append("<tr><td><a href=\"").append(HtmlReport.escape(e.path() + "/" + Reporter.INDEX))
          .append("\">").append(HtmlReport.escape(e.name())).append("</a></td><td>")
          .append(HtmlReport.escape(e.profile())).append("</td><td>")
          .append(HtmlReport.escape(e.written())).append("</td><td>")
          .append(HtmlReport.escape(e.headline())).append("</td><td>")
          .append(HtmlReport.escape(e.claims())).append("</td><td>")
          .append(HtmlReport.escape(e.description())).append("</td></tr>\n");
    }
    String html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>Experiment reports</title>\n<style>\n" + HtmlReport.CSS + "\n</style>\n"
            + "</head>\n<body>\n<h1>Experiment reports</h1>\n"
            + (entries.isEmpty()
                ? "<p>No reports yet.</p>\n"
                : "<table>\n<thead><tr><th>Experiment</th><th>Profile</th><th>Written</th><th>Headline</th>"
                    + "<th>Claims passed</th>"
                    + "<th>Description</th></tr></thead>\n<tbody>\n" + rows + "</tbody>\n</table>\n")
            + "</body>\n</html>\n";
    AtomicWrite.writeString(reportsRoot.resolve(Reporter.INDEX), html);
  }

  /** Directories below the root holding an index.html, sorted by path. */
  static List<Entry> find(Path root) throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
      dirs =
          s.filter(p -> !p.equals(root))
              .filter(Files::isDirectory)
              .filter(p -> Files.isRegularFile(p.resolve(Reporter.INDEX)))
              .sorted()
              .toList();
    }
    List<Entry> entries = new ArrayList<>();
    for (Path dir : dirs) {
      String rel = root.relativize(dir).toString().replace('\\', '/');
      entries.add(entry(dir, rel));
    }
    return entries;
  }

  private static Entry entry(Path dir, String rel) {
    Path json = dir.resolve(Reporter.REPORT_JSON);
    if (Files.isRegularFile(json)) {
      try {
        JsonNode n = JsonMapper.builder().build().readTree(json.toFile());
        String claims =
            n.path("claims_total").asInt() == 0
                ? "—"
                : n.path("claims_passed").asInt() + " / " + n.path("claims_total").asInt();
        return new Entry(
            rel,
            n.path("name").asText(rel),
            n.path("profile").isTextual() ? n.path("profile").asText() : "full",
            written(json),
            n.path(HEADLINE).path("text").asText(""),
            claims,
            n.path("description").asText(""));
      } catch (IOException e) {
        // An unreadable report.json should not hide the report; fall back to README.
      }
    }
    return new Entry(rel, rel, "—", written(dir.resolve(Reporter.INDEX)), "", "—",
        readmeParagraph(dir.resolve(Reporter.README)));
  }

  /**
   * The day {@code file} was last written, UTC ("2026-12-07"). The report itself carries no date, so that it is
   * rebuilt bit for bit; the index is generated, never committed (a fresh clone shows the checkout's day).
   */
  static String written(Path file) {
    try {
      return DateTimeFormatter.ISO_LOCAL_DATE.format(Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC));
    } catch (IOException e) {
      return "—";
    }
  }

  /** The first paragraph after the title of a README, with Markdown escapes removed. */
  static String readmeParagraph(Path readme) {
    if (!Files.isRegularFile(readme)) {
      return "";
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
    StringBuilder para = new StringBuilder();
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("#") || (t.isEmpty() && para.length() == 0)) {
        continue;
      }
      if (t.isEmpty() || t.startsWith("- ") || t.startsWith("|") || t.startsWith("```")) {
        break;
      }
      para.append(para.length() == 0 ? "" : " ").append(t);
    }
    return para.toString().replaceAll("\\\\(\\p{Punct})", "$1");
  }
}
