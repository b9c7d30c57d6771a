package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.SpecException;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the experiments with their trial counts, their profiles and the first sentence of each "
        + "description; a spec that does not validate gets one line with its first problem (exit status 2).")
final class ListCmd implements Callable<Integer> {
  /** Width of the description lines. */
  static final int WIDTH = 100;

  @Override
  public Integer call() throws IOException {
    Planner planner = Planner.standard().withoutDataChecks();
    int status = 0;
    for (Path f : Project.specFiles()) {
      String name = f.getFileName().toString().replace(".json", "");
      ExperimentPlan p;
      List<String> profiles = new ArrayList<>();
      try {
        p = planner.plan(f);
        for (String profile : Profiles.of(f)) {
          profiles.add(profile + ": " + planner.plan(f, profile).trials().size() + " trials");
        }
      } catch (SpecException e) {
        // one bad spec must not hide the others: one line for it, the rest listed, exit 2 at the end
        Main.OUT.println(invalidLine(name, e));
        status = 2;
        continue;
      }
      Main.OUT.printf("%s  %d trials%s%n", name, p.trials().size(),
          profiles.isEmpty() ? "" : "; profiles " + String.join(", ", profiles) + " (--profile NAME)");
      for (String line : wrap(firstSentence(p.description()), WIDTH - 4)) {
        Main.OUT.println("    " + line);
      }
    }
    return status;
  }

  /** "NAME  invalid: FIRST PROBLEM (and N more: ./rnnlab validate FILE)", one line. */
  static String invalidLine(String name, SpecException e) {
    List<String> lines = e.lines();
    int more = lines.size() - 1;
    return name + "  invalid: " + lines.get(0) + (more == 0 ? "" : " (and " + more + " more problem"
        + (more == 1 ? "" : "s") + ": ./rnnlab validate experiments/" + name + ".json)");
  }

  /**
   * The first sentence: up to the first ". ", "! " or "? " that ends a sentence, not one that ends an
   * abbreviation ("e.g. ", "et al. ", "vs. "), a single initial or a number not followed by a capital
   * ("sec. 4. and", but "at 15. An" ends one), and not inside
   * parentheses.
   */
  static String firstSentence(String s) {
    int depth = 0;
    for (int i = 0; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      } else if (depth == 0 && (c == '.' || c == '!' || c == '?') && s.charAt(i + 1) == ' '
          && (c != '.' || !abbreviation(s, i))) {
        return s.substring(0, i + 1);
      }
    }
    return s;
  }

  private static boolean abbreviation(String s, int dot) {
    int start = dot;
    while (start > 0 && !Character.isWhitespace(s.charAt(start - 1)) && s.charAt(start - 1) != '(') {
      start--;
    }
    String word = s.substring(start, dot + 1).toLowerCase(Locale.ROOT);
    if (Character.isDigit(word.charAt(0))) {
      return !capitalAfter(s, dot); // "at 4. An LSTM" ends a sentence, "section 7.3.1 of" does not
    }
    return word.length() <= 2 || List.of("e.g.", "i.e.", "al.", "vs.", "cf.", "etc.", "fig.", "eq.", "approx.",
        "resp.", "no.").contains(word);
  }

  /** Whether the word after the space that follows {@code dot} begins with a capital ("at 15. An LSTM"). */
  private static boolean capitalAfter(String s, int dot) {
    return dot + 2 < s.length() && Character.isUpperCase(s.charAt(dot + 2));
  }

  /** {@code s} broken into lines of at most {@code width} characters at spaces. */
  static List<String> wrap(String s, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String w : s.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + w.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(w);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
