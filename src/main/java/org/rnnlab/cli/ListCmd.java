package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the experiments with their trial counts, their profiles and the first sentence of each "
        + "description.")
final class ListCmd implements Callable<Integer> {
  /** Width of the description lines. */
  static final int WIDTH = 100;

  @Override
  public Integer call() throws IOException {
    Planner planner = Planner.standard().withoutDataChecks();
    for (Path f : Project.specFiles()) {
      ExperimentPlan p = planner.plan(f);
      String name = f.getFileName().toString().replace(".json", "");
      List<String> profiles = new ArrayList<>();
      for (String profile : Profiles.of(f)) {
        profiles.add(profile + ": " + planner.plan(f, profile).trials().size() + " trials");
      }
      Main.OUT.printf("%s  %d trials%s%n", name, p.trials().size(),
          profiles.isEmpty() ? "" : "; profiles " + String.join(", ", profiles) + " (--profile NAME)");
      for (String line : wrap(firstSentence(p.description()), WIDTH - 4)) {
        Main.OUT.println("    " + line);
      }
    }
    return 0;
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
