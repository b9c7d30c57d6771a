package org.rnnlab.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report table as a LaTeX {@code tabular} in the booktabs style (\toprule, \midrule,
 * \bottomrule; no vertical rules), ready for {@code \input}: special characters escaped, numbers
 * such as {@code 1.94e-4} typeset as $1.94\times10^{-4}$, ± and ∈ in math mode.
 */
final class LatexTable {
  private static final Pattern EXPONENT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)e(-?\\d+)");

  private LatexTable() {}

  /** The tabular with a comment naming its source; needs the booktabs package. */
  static String render(Doc.Table t, String source) {
    StringBuilder out = new StringBuilder();
    out.append("% ").append(source.replace("\n", " ")).append("\n");
    out.append("% needs \\usepackage{booktabs}\n");
    out.append("\\begin{tabular}{").append(t.align()).append("}\n\\toprule\n");
    row(out, t.header());
    out.append("\\midrule\n");
    for (List<String> r : t.rows()) {
      row(out, r);
    }
    out.append("\\bottomrule\n\\end{tabular}\n");
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(" & ");
      }
      out.append(cell(cells.get(i)));
    }
    out.append(" \\\\\n");
  }

  /** One cell: escaped text, exponents and symbols in math mode. */
  static String cell(String s) {
    StringBuilder out = new StringBuilder();
    Matcher m = EXPONENT.matcher(s);
    int last = 0;
    while (m.find()) {
      // Only a number standing alone: "1.94e-4", not part of an identifier such as "t1e5x".
      boolean alone = (m.start() == 0 || !Character.isLetterOrDigit(s.charAt(m.start() - 1)))
          && (m.end() == s.length() || !Character.isLetterOrDigit(s.charAt(m.end())));
      if (!alone) {
        continue;
      }
      out.append(escape(s.substring(last, m.start())));
      out.append('$').append(m.group(1)).append("\\times10^{").append(Integer.parseInt(m.group(2))).append("}$");
      last = m.end();
    }
    out.append(escape(s.substring(last)));
    return out.toString();
  }

  /** Escapes LaTeX's special characters and spells the report's few symbols. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
        case '~' -> out.append("\\textasciitilde{}");
        case '^' -> out.append("\\textasciicircum{}");
        case '<' -> out.append("\\textless{}");
        case '>' -> out.append("\\textgreater{}");
        case '±' -> out.append("$\\pm$");
        case '∈' -> out.append("$\\in$");
        case '×' -> out.append("$\\times$");
        case '–' -> out.append("--");
        case '—' -> out.append("---");
        case '≤' -> out.append("$\\leq$");
        case '−' -> out.append("$-$");
        case '≥' -> out.append("$\\geq$");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
