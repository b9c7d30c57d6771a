package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every command's help, at several terminal widths, fits the width and is wrapped at spaces only: its
 * words (paths such as results/NAME[.PROFILE]/, option lists) are exactly those of the unwrapped help.
 */
class HelpWrapTest {
  private static final List<List<String>> COMMANDS = List.of(List.of(), List.of("run"), List.of("verify"),
      List.of("report"), List.of("plan"), List.of("run-cell"), List.of("status"), List.of("compare"),
      List.of("show"), List.of("evaluate"), List.of("sample"), List.of("data"), List.of("data", "fetch"),
      List.of("validate"), List.of("list"), List.of("schema"));

  @AfterEach
  void restore() {
    System.clearProperty("rnnlab.columns");
  }

  private static String help(List<String> cmd, int width) {
    System.setProperty("rnnlab.columns", Integer.toString(width));
    String[] args = java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--help"))
        .toArray(String[]::new);
    MainTest.Outcome o = MainTest.run(args);
    assertEquals(0, o.code(), o.err());
    return o.out();
  }

  @Test
  void helpFitsTheWidthAndNeverBreaksAWord() {
    for (List<String> cmd : COMMANDS) {
      List<String> words = Arrays.asList(help(cmd, 5000).trim().split("\\s+"));
      for (int width : new int[] {60, 80, 100, 140}) {
        String text = help(cmd, width);
        assertEquals(words, Arrays.asList(text.trim().split("\\s+")), cmd + " at " + width + ":\n" + text);
        for (String line : text.split("\n")) {
          assertTrue(line.length() <= width || !line.strip().contains(" "),
              cmd + " at " + width + ": a line longer than the width: " + line);
        }
      }
    }
    // the case that broke: picocli split "results/NAME[.PROFILE]/" after "[."
    assertTrue(help(List.of("run"), 100).contains("results/NAME[.PROFILE]/"));
  }
}
