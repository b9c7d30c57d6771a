package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.ResultsJson;

/** A researcher's loop on the command line: run, read the summary, subset, show, compare; a ci run leaves git clean. */
class WorkflowTest {
  /** Two variants, two seeds, one claim that holds and one that cannot (an MSE below zero). */
  static final String SPEC = """
      {"description": "Two tiny cells on a short adding problem (e.g. for tests). More text here.",
       "task": {"type": "adding", "seq_len": 6},
       "model": {"cell": {"type": "elman"}, "hidden_size": 3},
       "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 3},
       "evaluation": {"every": 1, "test_size": 8}, "seeds": 2, "root_seed": 1,
       "variants": {"tanh": {"model": {"cell": {"type": "elman", "nonlinearity": "tanh"}}},
                    "gru": {"model": {"cell": {"type": "gru"}}}},
       "report": {"main_metric": "mse", "charts": [{"type": "final_metric"}]},
       "claims": [{"text": "every MSE is below 100", "metric": "mse", "statistic": "max", "op": "<", "value": 100},
                  {"text": "some MSE is negative", "metric": "mse", "statistic": "min", "op": "<", "value": 0}],
       "profiles": {"ci": {"seeds": 1}}}
      """;

  @TempDir
  Path home;
  private String oldHome;

  @BeforeEach
  void project() throws IOException {
    oldHome = MainTest.useHome(home);
    Files.writeString(home.resolve("experiments/tiny.json"), SPEC);
  }

  @AfterEach
  void restore() {
    MainTest.restoreHome(oldHome);
  }

  @Test
  void runPrintsWhereTheReportIsTheTrialsEachClaimAndTheHeadline() {
    MainTest.Outcome o = MainTest.run("run", "tiny", "--jobs", "1");
    assertEquals(0, o.code(), o.err());
    String out = o.out();
    assertTrue(out.contains("tiny: 4 trials: ran 4, reused 0 (0 already done, 0 finished by another run), "
        + "diverged 0, failed 0"), out);
    assertTrue(out.contains("report: reports/tiny/index.html"), out);
    assertTrue(Files.isRegularFile(home.resolve("reports/tiny/index.html")), "run writes the report");
    assertTrue(out.contains("claims: 1 of 2 pass"), out);
    assertTrue(out.contains("  PASS  every MSE is below 100"), out);
    assertTrue(out.contains("  FAIL  some MSE is negative"), out);
    assertTrue(out.contains("headline: final test MSE"), out);
    // The headline's columns are the variants, its row the (only) point, with the baseline.
    String header = out.lines().filter(l -> l.contains("tanh") && l.contains("gru") && l.contains("baseline"))
        .findFirst().orElse("");
    assertFalse(header.isEmpty(), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("  all ") && l.endsWith("0.167")), out);
    assertFalse(o.err().contains("\r"), "no carriage returns when stderr is not a terminal");

    MainTest.Outcome again = MainTest.run("run", "tiny", "--jobs", "1");
    assertTrue(again.out().contains("ran 0, reused 4 (4 already done"), again.out());
  }

  @Test
  void strictMakesAFailedClaimTheExitStatus() {
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1").code());
    assertEquals(Outcome.CLAIM_FAILED, MainTest.run("run", "tiny", "--jobs", "1", "--strict").code());
    assertEquals(Outcome.CLAIM_FAILED, MainTest.run("report", "tiny", "--strict").code());
    // without --strict a failed claim does not fail the command
    assertEquals(0, MainTest.run("report", "tiny").code());
  }

  @Test
  void aClaimWithoutResultsIsListedAsNotEvaluatedAndDoesNotFailStrict() throws IOException {
    Files.writeString(home.resolve("experiments/gruonly.json"), SPEC.replace(
        "{\"text\": \"some MSE is negative\", \"metric\": \"mse\", \"statistic\": \"min\", \"op\": \"<\", "
            + "\"value\": 0}",
        "{\"text\": \"every GRU MSE is below 100\", \"variant\": \"gru\", \"statistic\": \"max\", "
            + "\"op\": \"<\", \"value\": 100}"));
    assertEquals(0, MainTest.run("run", "gruonly", "--jobs", "1", "--profile", "ci", "--strict").code());
    org.rnnlab.results.Temporaries.deleteTree(home.resolve("results/gruonly.ci/gru__s0"));
    MainTest.Outcome o = MainTest.run("report", "gruonly", "--profile", "ci", "--strict");
    assertEquals(0, o.code(), "a claim not evaluated is not a failed claim: " + o.out() + o.err());
    assertTrue(o.out().contains("claims: 1 of 2 pass, 1 not evaluated"), o.out());
    assertTrue(o.out().contains("  NOT EVALUATED  every GRU MSE is below 100"), o.out());
    assertTrue(o.out().contains("no trial of gru has a result"), o.out());
    MainTest.Outcome j = MainTest.run("report", "gruonly", "--profile", "ci", "--json");
    JsonNode claims = ResultsJson.mapper().readTree(j.out()).get("claims");
    assertEquals(1, claims.get("not_evaluated").asInt());
    assertEquals("not_evaluated", claims.get("items").get(1).get("verdict").asText());
  }

  @Test
  void jsonIsOneObjectWithTheSameSummary() throws IOException {
    MainTest.Outcome o = MainTest.run("run", "tiny", "--jobs", "1", "--json", "--strict");
    assertEquals(Outcome.CLAIM_FAILED, o.code());
    JsonNode j = ResultsJson.mapper().readTree(o.out());
    assertEquals("tiny", j.get("experiment").asText());
    assertEquals(3, j.get("exit_status").asInt());
    assertEquals(4, j.get("trials").get("ran").asInt());
    assertEquals(0, j.get("trials").get("failed").asInt());
    assertEquals("reports/tiny/index.html", j.get("report").asText());
    assertEquals(1, j.get("claims").get("passed").asInt());
    assertEquals(2, j.get("claims").get("total").asInt());
    assertFalse(j.get("claims").get("items").get(1).get("passed").asBoolean());
    JsonNode cells = j.get("headline").get("rows").get(0).get("cells");
    assertEquals(2, cells.get("gru").get("n").asInt());
    double mean = cells.get("gru").get("mean").asDouble();
    assertTrue(cells.get("gru").get("ci95_low").asDouble() <= mean && mean <= cells.get("gru").get("ci95_high")
        .asDouble(), cells.toString());
  }

  @Test
  void aSubsetKeepsOnlyTheClaimsWhoseGroupsAllStayIn() throws IOException {
    String claims = SPEC.substring(SPEC.indexOf("\"claims\""), SPEC.indexOf("\"profiles\""));
    Files.writeString(home.resolve("experiments/pair.json"), SPEC.replace(claims, """
        "claims": [{"text": "gru MSE below 100", "variant": "gru", "metric": "mse", "statistic": "max", "op": "<",
                    "value": 100},
                   {"text": "gru below 1000 x tanh", "variant": "gru", "metric": "mse", "op": "<",
                    "than": {"variant": "tanh", "factor": 1000}}],
        """));
    assertEquals(0, MainTest.run("run", "pair", "--jobs", "1").code());
    MainTest.Outcome all = MainTest.run("report", "pair");
    assertTrue(all.out().contains("claims: 2 of 2 pass"), all.out());
    // without tanh the comparison has no reference and is left out, not failed
    MainTest.Outcome gru = MainTest.run("report", "pair", "--only", "gru");
    assertTrue(gru.out().contains("claims: 1 of 1 pass"), gru.out());
    assertTrue(gru.out().contains("PASS  gru MSE below 100"), gru.out());
    // without gru neither claim has its groups
    MainTest.Outcome tanh = MainTest.run("report", "pair", "--only", "tanh");
    assertFalse(tanh.out().contains("claims:"), tanh.out());
  }

  @Test
  void onlyAndWhereRunAndReportASubset() {
    MainTest.Outcome o = MainTest.run("run", "tiny", "--jobs", "1", "--only", "gru", "--where", "seed=0");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("[variant=gru seed=0]: 1 trials: ran 1"), o.out());
    assertTrue(o.out().contains("report: reports/tiny+variant-gru+seed-0/index.html"), o.out());
    MainTest.Outcome status = MainTest.run("status", "tiny");
    assertTrue(status.out().contains("3 missing, 1 done") || status.out().contains("1 done, 3 missing"), status.out());
    MainTest.Outcome report = MainTest.run("report", "tiny", "--where", "variant=gru");
    assertTrue(report.out().contains("1 ok, 0 diverged, 1 without a result"), report.out());

    MainTest.Outcome typo = MainTest.run("run", "tiny", "--only", "gur");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("no variant \"gur\" in tiny; did you mean gru?"), typo.err());
    MainTest.Outcome key = MainTest.run("report", "tiny", "--where", "sed=0");
    assertEquals(2, key.code());
    assertTrue(key.err().contains("did you mean seed?"), key.err());
  }

  @Test
  void showPrintsATrialsConfigProvenanceAndMetrics() {
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1", "--profile", "ci").code());
    MainTest.Outcome o = MainTest.run("show", "tiny", "gru__s0", "--profile", "ci");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("state: ok"), o.out());
    String head = o.out().lines().findFirst().orElse("");
    assertTrue(head.matches("trial gru__s0 \\(index \\d+ of tiny, profile ci\\): group gru, seed 0 of 1 \\(derived "
        + "from root seed 1: training 0x[0-9a-f]{16}, test 0x[0-9a-f]{16}\\)"), head);
    assertFalse(head.matches(".*-?\\d{12,}.*"), "no long signed decimals: " + head);
    assertTrue(o.out().contains("\"type\" : \"gru\"") || o.out().contains("\"type\": \"gru\""), o.out());
    assertTrue(o.out().contains("code version:"), o.out());
    assertTrue(o.out().lines().anyMatch(l -> l.matches("  mse +\\d.*")), o.out());
    MainTest.Outcome typo = MainTest.run("show", "tiny", "gru_s0", "--profile", "ci");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("did you mean gru__s0?"), typo.err());
  }

  @Test
  void aMetricEditedInResultJsonIsDamageForStatusShowReportAndRunRecomputesIt() throws IOException {
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1", "--profile", "ci").code());
    Path r = home.resolve("results/tiny.ci/gru__s0/result.json");
    String text = Files.readString(r);
    String edited = text.replaceFirst("\"mse\": [0-9.eE-]+", "\"mse\": 0.0");
    assertFalse(edited.equals(text), text);
    Files.writeString(r, edited);
    MainTest.Outcome status = MainTest.run("status", "tiny", "--profile", "ci");
    assertTrue(status.out().lines().anyMatch(l -> l.contains("gru__s0") && l.contains("damaged")), status.out());
    MainTest.Outcome show = MainTest.run("show", "tiny", "gru__s0", "--profile", "ci");
    assertTrue(show.out().contains("state: damaged") && show.out().contains("edited or damaged"), show.out());
    assertFalse(show.out().contains("final metrics:"), "a damaged result's metrics are not shown");
    MainTest.Outcome report = MainTest.run("report", "tiny", "--profile", "ci");
    assertTrue(report.out().contains("1 ok, 0 diverged, 1 without a result"), report.out());
    String doc = Files.readString(home.resolve("reports/tiny.ci/README.md"));
    assertTrue(doc.lines().anyMatch(l -> l.contains("gru__s0") && l.contains("damaged: ")
        && l.contains("edited or damaged")), doc);
    MainTest.Outcome rerun = MainTest.run("run", "tiny", "--jobs", "1", "--profile", "ci");
    assertEquals(0, rerun.code(), rerun.err());
    assertTrue(rerun.out().contains("ran 1, reused 1"), rerun.out());
    assertEquals(text.replaceAll("\"(wall_seconds|threads)\": [0-9.]+|\"result_sha256\": \"[0-9a-f]+\"", ""),
        Files.readString(r).replaceAll("\"(wall_seconds|threads)\": [0-9.]+|\"result_sha256\": \"[0-9a-f]+\"", ""),
        "the recomputed trial has its own numbers again");
  }

  @Test
  void compareSetsTwoRunsSideBySide() throws IOException {
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1", "--profile", "ci").code());
    Path copy = home.resolve("elsewhere");
    copyTree(home.resolve("results/tiny.ci"), copy);
    MainTest.Outcome o = MainTest.run("compare", "tiny.ci", copy.toString());
    assertEquals(0, o.code(), o.err());
    String row = o.out().lines().filter(l -> l.startsWith("  gru")).findFirst().orElse("");
    // Identical runs: difference 0, ratio 1, same configs.
    assertTrue(row.matches("  gru +1 +\\S+ +\\S+ +1 +\\S+ +\\S+ +0 +1\\.00 +— +— +same"), row + "\n" + o.out());
    MainTest.Outcome latex = MainTest.run("compare", "tiny.ci", copy.toString(), "--format", "latex");
    assertTrue(latex.out().contains("\\toprule") && latex.out().contains("\\bottomrule"), latex.out());
    MainTest.Outcome typo = MainTest.run("compare", "tiny.cj", copy.toString());
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("did you mean tiny.ci?"), typo.err());
    MainTest.Outcome metric = MainTest.run("compare", "tiny.ci", copy.toString(), "--metric", "mes");
    assertEquals(2, metric.code(), metric.out());
    assertEquals("", metric.out(), "no table");
    assertEquals(List.of("rnnlab: --metric \"mes\" is not a metric both A and B record; metrics: [loss, mse, solved_fraction, "
        + "steps_to_solve]"), metric.err().lines().filter(l -> !l.startsWith("WARNING")).toList());
  }

  @Test
  void unknownCommandsAndOptionsGetDidYouMean() {
    MainTest.Outcome cmd = MainTest.run("reprot", "tiny");
    assertEquals(2, cmd.code());
    assertTrue(cmd.err().contains("unknown command reprot; did you mean report?"), cmd.err());
    MainTest.Outcome opt = MainTest.run("run", "tiny", "--jbos", "1");
    assertEquals(2, opt.code());
    assertTrue(opt.err().contains("unknown option --jbos; did you mean --jobs?"), opt.err());
    assertEquals(1, opt.err().lines().count(), "one line: " + opt.err());
    MainTest.Outcome help = MainTest.run("help", "runn");
    assertEquals(2, help.code());
    assertTrue(help.err().contains("unknown command runn; did you mean run?"), help.err());
  }

  @Test
  void listShowsProfilesAndTheWholeFirstSentence() {
    MainTest.Outcome o = MainTest.run("list");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("tiny  4 trials; profiles ci: 2 trials"), o.out());
    assertTrue(o.out().contains("Two tiny cells on a short adding problem (e.g. for tests)."), o.out());
    assertFalse(o.out().contains("More text"), o.out());
  }

  @Test
  void oneBadSpecDoesNotStopListItGetsOneLine() throws IOException {
    Files.writeString(home.resolve("experiments/a-broken.json"), "{\"description\": \"x\",\n  \"seeds\": }\n");
    Files.writeString(home.resolve("experiments/b-wrong.json"), SPEC.replace("\"hidden_size\": 3", "\"hidden_size\": \"3\""));
    MainTest.Outcome o = MainTest.run("list");
    assertEquals(2, o.code(), "a spec that does not validate is still an error");
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(0).startsWith("a-broken  invalid: ") && lines.get(0).contains("a-broken.json: line 2, column 12: invalid JSON"),
        o.out());
    assertTrue(lines.get(1).startsWith("b-wrong  invalid: ") && lines.get(1).contains("/model/hidden_size"), o.out());
    assertTrue(lines.get(2).startsWith("tiny  4 trials"), "the good spec after the bad ones is listed: " + o.out());
    assertEquals(4, lines.size(), o.out());
  }

  @Test
  void aSpecElsewhereNamedLikeAProjectExperimentIsRefusedNotRunIntoItsResults() throws IOException {
    Path other = Files.createDirectories(home.resolve("elsewhere")).resolve("tiny.json");
    Files.writeString(other, SPEC.replace("\"seeds\": 2", "\"seeds\": 3"));
    for (String cmd : List.of("run", "plan", "status", "report")) {
      MainTest.Outcome o = MainTest.run(cmd, other.toString(), "--profile", "ci");
      assertEquals(2, o.code(), cmd + ": " + o.out() + o.err());
      assertEquals(1, o.err().lines().count(), o.err());
      assertTrue(o.err().startsWith(other + ": named like the project's experiment experiments/tiny.json"), o.err());
    }
    assertFalse(Files.exists(home.resolve("results/tiny.ci")), "nothing written into the experiment's results");
    // The project's own spec by its path, and a spec elsewhere under a name of its own, run as before.
    assertEquals(0, MainTest.run("plan", home.resolve("experiments/tiny.json").toString(), "--profile", "ci").code());
    Path renamed = home.resolve("elsewhere/tiny-3.json");
    Files.writeString(renamed, Files.readString(other));
    assertEquals(0, MainTest.run("plan", renamed.toString(), "--profile", "ci").code());
  }

  @Test
  void aCiRunLeavesTheGitTreeClean() throws Exception {
    // The project's own ignore rules, in a repository whose experiments are committed.
    Files.copy(Path.of(".gitignore"), home.resolve(".gitignore"));
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "spec");
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1", "--profile", "ci").code());
    assertEquals(0, MainTest.run("report", "tiny", "--profile", "ci", "--only", "gru").code());
    assertTrue(Files.isRegularFile(home.resolve("reports/tiny.ci/index.html")));
    assertTrue(Files.isRegularFile(home.resolve("reports/index.html")));
    assertEquals("", git("status", "--porcelain", "--untracked-files=all"), "a ci run writes only ignored files");
  }

  private String git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
