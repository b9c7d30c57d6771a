package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line messages, nothing written on bad input. */
class MainTest {
  static final String TINY = """
      {"description": "Tiny.", "task": {"type": "adding", "seq_len": 6},
       "model": {"cell": {"type": "elman"}, "hidden_size": 3},
       "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 2},
       "evaluation": {"every": 1, "test_size": 4}, "seeds": 1, "root_seed": 1,
       "report": {"main_metric": "mse"} PROFILES}
      """;

  @TempDir
  Path home;
  private String oldHome;

  /** What a command printed, and its exit status. */
  record Outcome(int code, String out, String err) {}

  @BeforeEach
  void project() throws IOException {
    oldHome = useHome(home);
  }

  @AfterEach
  void restore() {
    restoreHome(oldHome);
  }

  /** Makes {@code home} (with an experiments/ directory) the project directory; returns the previous one. */
  static String useHome(Path home) throws IOException {
    String old = System.getProperty("rnnlab.home");
    System.setProperty("rnnlab.home", home.toString());
    Files.createDirectories(home.resolve("experiments"));
    return old;
  }

  /** Restores the project directory {@link #useHome} replaced. */
  static void restoreHome(String old) {
    if (old == null) {
      System.clearProperty("rnnlab.home");
    } else {
      System.setProperty("rnnlab.home", old);
    }
  }

  static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void noStackTrace(Outcome o) {
    assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "no stack trace: " + o.err());
  }

  private Path spec(String name, String profiles) throws IOException {
    Path f = home.resolve("experiments").resolve(name + ".json");
    Files.writeString(f, TINY.replace("PROFILES", profiles));
    return f;
  }

  @Test
  void invalidSpecExitsWithTwoAndOneLinePerProblem() throws Exception {
    Path bad = home.resolve("bad.json");
    Files.writeString(bad, TINY.replace("PROFILES", "").replace("\"elman\"", "\"lstn\"")
        .replace("\"hidden_size\": 3", "\"hidden_size\": 0"));
    Outcome o = run("validate", bad.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains(bad + ": /model/cell/type: \"lstn\" is not one of [elman, gru, lstm]"), o.err());
    assertTrue(o.err().contains("/model/hidden_size"), o.err());
    noStackTrace(o);
  }

  @Test
  void everySubcommandHasHelpAndHelpNamesACommand() {
    for (String cmd : new String[] {"list", "validate", "plan", "run", "run-cell", "status", "report", "aggregate",
        "verify", "schema", "data"}) {
      assertEquals(0, run(cmd, "--help").code(), cmd);
    }
    Outcome help = run("help", "run");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().contains("--jobs"), help.out());
  }

  @Test
  void jobsBelowOneIsRefusedWithOneLineAndNothingIsWritten() throws IOException {
    spec("tiny", "");
    for (String jobs : List.of("0", "-1")) {
      Outcome o = run("run", "tiny", "--jobs", jobs);
      assertEquals(2, o.code(), o.err());
      assertEquals("rnnlab: --jobs must be at least 1, got " + jobs + "\n", o.err());
    }
    assertFalse(Files.exists(home.resolve("results")), "nothing written");
  }

  @Test
  void anUnknownExperimentSuggestsTheClosestName() throws IOException {
    spec("lstm-vs-gru", "");
    Outcome o = run("run", "lstm-vs-gr");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("no such experiment spec; did you mean lstm-vs-gru?"), o.err());
    noStackTrace(o);
  }

  @Test
  void aSpecPathIsReadFromWhereItIsTypedAndResultsGoToTheProject() throws IOException {
    // the test runs in the project checkout; "home" is another directory: a relative path is the user's
    Path relative = Path.of("src/test/resources/specs/valid.json");
    assertTrue(Files.isRegularFile(relative));
    Outcome o = run("validate", relative.toString());
    assertEquals(0, o.code(), o.err());
  }

  @Test
  void unwritableResultsGiveOneLineNotAStackTrace() throws IOException {
    spec("tiny", "");
    Files.writeString(home.resolve("results"), "a file where the results directory should be");
    Outcome o = run("run", "tiny", "--jobs", "1");
    assertEquals(1, o.code(), o.err());
    assertTrue(o.err().startsWith("rnnlab: " + home.resolve("results")), o.err());
    assertEquals(1, o.err().lines().filter(l -> l.startsWith("rnnlab:")).count(), o.err());
    noStackTrace(o);
  }

  @Test
  void verifySkipsSpecsWithoutACiProfileAndSaysSo() throws IOException {
    spec("noci", "");
    Outcome o = run("verify");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("verify: skipped (no ci profile): noci"), o.out());
    assertFalse(Files.exists(home.resolve("results/noci.ci")));
  }

  @Test
  void versionIsThePomsProjectVersion() throws IOException {
    // the project's own <version>: the first after its <artifactId>rnnlab</artifactId>
    String pom = Files.readString(Path.of("pom.xml"));
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("<artifactId>rnnlab</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(m.find(), "pom.xml names the project's version");
    assertFalse(m.group(1).contains("$"), m.group(1));
    for (String flag : List.of("-V", "--version")) {
      Outcome o = run(flag);
      assertEquals(0, o.code(), o.err());
      assertEquals("rnnlab " + m.group(1) + System.lineSeparator(), o.out());
    }
  }

  @Test
  void verifyAndUpdateOnlyTheNamedExperiments() throws IOException {
    String ci = ", \"profiles\": {\"ci\": {\"seeds\": 1}}";
    spec("a", ci);
    spec("b", ci);
    spec("noci", "");
    Outcome update = run("verify", "--update", "--jobs", "1", "a");
    assertEquals(0, update.code(), update.err());
    assertTrue(Files.isRegularFile(home.resolve("experiments/expected/a.ci.json")), update.out());
    assertFalse(Files.exists(home.resolve("experiments/expected/b.ci.json")), "b was not named");
    assertFalse(Files.exists(home.resolve("results/b.ci")), "b was not run");

    Outcome one = run("verify", "--jobs", "1", "a");
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("numbers identical to"), one.out());
    assertTrue(one.out().contains("verify: 1 experiment reproduced"), one.out());
    assertFalse(one.out().contains("skipped"), "only the named experiment is considered: " + one.out());

    Outcome all = run("verify", "--jobs", "1");
    assertEquals(1, all.code(), "b has no expected numbers yet");
    assertTrue(all.err().contains("b: no expected numbers"), all.err());

    Outcome noCi = run("verify", "noci");
    assertEquals(2, noCi.code());
    assertEquals(1, noCi.err().lines().count(), noCi.err());
    assertTrue(noCi.err().startsWith("rnnlab: noci has no ci profile"), noCi.err());
    Outcome typo = run("verify", "aa");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("did you mean a?"), typo.err());
    noStackTrace(typo);
  }

  @Test
  void planRunCellStatusAndReportWorkAsOnACluster() throws IOException {
    spec("tiny", "");
    assertEquals(0, run("plan", "tiny").code());
    Outcome missing = run("status", "tiny");
    assertTrue(missing.out().contains("1 missing"), missing.out());
    Outcome one = run("run-cell", "tiny", "--index", "0");
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("trial 0: ran"), one.out());
    assertTrue(run("run-cell", "tiny", "--index", "0").out().contains("trial 0: reused"));
    Outcome bad = run("run-cell", "tiny", "--index", "5");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--index 5 is outside the plan's 0..0"), bad.err());
    assertTrue(run("status", "tiny").out().contains("1 done"));
    assertEquals(0, run("report", "tiny").code());
    assertTrue(Files.isRegularFile(home.resolve("reports/tiny/index.html")));
    try (Stream<Path> s = Files.list(home.resolve("results/tiny"))) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
    }
  }

  @Test
  void runCellWithoutAPlanSaysWhichCommandWritesIt() throws IOException {
    spec("tiny", "");
    Outcome o = run("run-cell", "tiny", "--index", "0");
    assertEquals(1, o.code());
    assertTrue(o.err().contains("plan.json: missing; write the plan first with: ./rnnlab plan NAME"), o.err());
    noStackTrace(o);
  }

  @Test
  void theReportUsesTheSpecAsItIsNowForClaimsAndWording() throws IOException {
    Path f = spec("tiny", ", \"claims\": [{\"text\": \"OLD WORDING\", \"op\": \">\", \"value\": 0}]");
    assertEquals(0, run("run", "tiny", "--jobs", "1").code());
    Files.writeString(f, Files.readString(f).replace("OLD WORDING", "NEW WORDING").replace("Tiny.", "Tiny, fixed."));
    assertEquals(0, run("report", "tiny").code());
    String readme = Files.readString(home.resolve("reports/tiny/README.md"));
    assertTrue(readme.contains("NEW WORDING") && !readme.contains("OLD WORDING"), readme);
    assertTrue(readme.contains("Tiny, fixed."), readme);
    assertTrue(readme.contains("1 ok"), "the numbers still come from the run: the config did not change");
  }
}
