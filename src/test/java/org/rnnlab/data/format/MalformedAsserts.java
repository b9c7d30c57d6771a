package org.rnnlab.data.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/** Checks that bad input fails with one line naming the file and what was expected. */
final class MalformedAsserts {
  // "expected", not the "Unexpected" of a library's message
  private static final Pattern EXPECTED = Pattern.compile("(?<![Uu]n)expected");

  private MalformedAsserts() {}

  /** The parse fails with a one-line message naming {@code file} and containing every fragment. */
  static String assertMalformed(Path file, Executable parse, String... fragments) {
    MalformedDataException e = assertThrows(MalformedDataException.class, parse);
    String m = e.getMessage();
    assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
    assertTrue(m.startsWith(file.toString()), "names the file " + file + ": " + m);
    assertTrue(EXPECTED.matcher(m).find(), "says what was expected: " + m);
    for (String f : fragments) {
      assertTrue(m.contains(f), "mentions '" + f + "': " + m);
    }
    return m;
  }
}
