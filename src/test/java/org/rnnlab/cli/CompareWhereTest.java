package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.report.Fixture;

/**
 * {@code compare --where}: factors addressed by name restrict both sides to the groups at those
 * levels, with run's selection and its one-line errors.
 */
class CompareWhereTest {
  @TempDir
  Path home;
  private String oldHome;
  private String a;
  private String b;

  /** Two copies of the factors fixture: model (rnn, lstm) x order (seq, perm), groups rnn, rnn_perm, lstm, lstm_perm. */
  @BeforeEach
  void twoRuns() throws IOException {
    oldHome = MainTest.useHome(home);
    a = Fixture.factors(home.resolve("a")).dir().toString();
    b = Fixture.factors(home.resolve("b")).dir().toString();
  }

  @AfterEach
  void restore() {
    MainTest.restoreHome(oldHome);
  }

  /** The first column of the table's rows (after the two name lines, the caption and the header). */
  private static List<String> groups(MainTest.Outcome o) {
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(3).strip().startsWith("group"), o.out());
    return lines.subList(4, lines.size()).stream().map(l -> l.strip().split("\\s+")[0]).toList();
  }

  @Test
  void aFactorLevelSelectsItsGroupsOnBothSides() {
    assertEquals(List.of("rnn", "rnn_perm", "lstm", "lstm_perm"), groups(MainTest.run("compare", a, b)));
    MainTest.Outcome lstm = MainTest.run("compare", a, b, "--where", "model=lstm");
    assertEquals(List.of("lstm", "lstm_perm"), groups(lstm), lstm.out());
    assertTrue(lstm.out().startsWith("A: toy-factors (" + a + ") where model=lstm, code "), lstm.out());
    assertTrue(lstm.out().lines().noneMatch(l -> l.startsWith("only in")), "both sides restricted alike: " + lstm.out());
    assertEquals(List.of("rnn_perm"), groups(MainTest.run("compare", a, b, "--where", "order=perm",
        "--where", "model=rnn")));
    assertEquals(List.of("rnn", "lstm"), groups(MainTest.run("compare", a, b, "--where", "order=seq")));
    assertEquals(List.of("rnn", "rnn_perm", "lstm"), groups(MainTest.run("compare", a, b, "--where",
        "model=rnn,lstm", "--where", "variant=rnn,rnn_perm,lstm")));
    String md = MainTest.run("compare", a, b, "--where", "model=lstm", "--format", "markdown").out();
    assertTrue(md.contains("| lstm_perm |") && !md.contains("| rnn"), md);
  }

  @Test
  void anUnknownLevelOrKeyIsRunsOneLineError() {
    MainTest.Outcome level = MainTest.run("compare", a, b, "--where", "model=lsmt");
    assertEquals(2, level.code());
    assertEquals("rnnlab: no model \"lsmt\" in toy-factors; did you mean lstm?; model values: rnn, lstm\n",
        level.err().replace("\r\n", "\n"));
    assertEquals("", level.out());
    MainTest.Outcome key = MainTest.run("compare", a, b, "--where", "modle=lstm");
    assertEquals(2, key.code());
    assertEquals("rnnlab: --where: no key \"modle\" in toy-factors; did you mean model?; keys: model, order, "
        + "variant, seed\n", key.err().replace("\r\n", "\n"));
    MainTest.Outcome form = MainTest.run("compare", a, b, "--where", "model");
    assertEquals(2, form.code());
    assertEquals("rnnlab: --where takes KEY=VALUE[,VALUE...], got \"model\"\n", form.err().replace("\r\n", "\n"));
  }
}
