package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of problem gives one exact line with the right JSON Pointer, all of them at once. */
class ValidationTest {
  @TempDir Path tmp;

  private List<String> problemsOf(String text) throws IOException {
    Path f = tmp.resolve("spec.json");
    Files.writeString(f, text);
    return assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(f, null)).lines();
  }

  @Test
  void tooDeepNestingIsOneLineWithLineAndColumnAndNoJacksonNames() throws IOException {
    List<String> lines = problemsOf("{\"description\": \"x\",\n \"task\": " + "[".repeat(1500) + "]".repeat(1500) + "}");
    assertEquals(1, lines.size(), lines.toString());
    assertEquals(tmp.resolve("spec.json") + ": line 2, column 1010: invalid JSON: Document nesting depth (1001) "
        + "exceeds the maximum allowed (1000)", lines.get(0));
  }

  @Test
  void aValueOfTheWrongTypeForAnEnumIsOneProblemOneLine() throws IOException {
    String spec = Files.readString(Path.of(TestTasks.DIR + "valid.json")).replace("\"variants\": {", "\"variants\": {"
        + "\"odd\": {\"task\": {\"variant\": 7}},");
    assertEquals(List.of(tmp.resolve("spec.json") + ": /variants/odd/task/variant: 7 is not one of [anywhere, halves]"),
        problemsOf(spec));
  }
  @Test
  void headlineColumnsNameAFactorOrTheSweep() throws IOException {
    String valid = Files.readString(Path.of(TestTasks.DIR + "valid.json"));
    assertEquals(List.of(tmp.resolve("spec.json") + ": /report/headline_columns: \"model\" is neither a factor nor "
        + "\"sweep\" with a sweep; factors: []"),
        problemsOf(valid.replace("\"report\": {", "\"report\": {\"headline_columns\": \"model\", ")));
    Path f = tmp.resolve("spec.json");
    Files.writeString(f, valid.replace("\"report\": {", "\"report\": {\"headline_columns\": \"sweep\", "));
    assertEquals("sweep", TestTasks.PLANNER.plan(f, null).report().headlineColumns());
  }

  @Test
  void aChartsCategoriesNameAFactor() throws IOException {
    String valid = Files.readString(Path.of(TestTasks.DIR + "valid.json"));
    assertEquals(List.of(tmp.resolve("spec.json") + ": /report/charts/0/categories: \"model\" is not a factor; "
        + "factors: []"), problemsOf(valid.replace("\"report\": {", "\"report\": {\"charts\": [{\"type\": "
        + "\"final_metric\", \"categories\": \"model\"}], ")));
  }

  @Test
  void chartFormatsComeFromAFixedSetAndIncludeThePng() throws IOException {
    String valid = Files.readString(Path.of(TestTasks.DIR + "valid.json"));
    assertEquals(List.of(tmp.resolve("spec.json") + ": /report/formats/1: \"jpg\" is not one of [png, svg, pdf]"),
        problemsOf(valid.replace("\"report\": {", "\"report\": {\"formats\": [\"png\", \"jpg\"], ")));
    assertEquals(List.of(tmp.resolve("spec.json") + ": /report/formats: must include \"png\", which the report's "
        + "pages show"), problemsOf(valid.replace("\"report\": {", "\"report\": {\"formats\": [\"svg\"], ")));
  }

  private static List<String> problems(String spec, String profile) {
    Path file = Path.of(TestTasks.DIR + spec + ".json");
    return assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(file, profile)).lines();
  }

  private static List<String> expect(String spec, String... lines) {
    return List.of(lines).stream().map(l -> TestTasks.DIR + spec + ".json: " + l).toList();
  }

  @Test
  void invalidJsonGivesLineAndColumn() {
    assertEquals(expect("invalid_json", "line 3, column 14: invalid JSON: Unexpected character (',' (code 44)): "
        + "was expecting double-quote to start field name"), problems("invalid_json", null));
    assertEquals(expect("duplicate_key", "line 4, column 10: invalid JSON: Duplicate field 'seeds'"),
        problems("duplicate_key", null));
    assertEquals(expect("empty", "empty file; expected a JSON object"), problems("empty", null));
    assertEquals(expect("truncated", "line 4, column 1: invalid JSON: Unexpected end-of-input: expected close "
        + "marker for Array (start marker at line 3, column 12)"), problems("truncated", null));
    assertEquals(expect("missing", "no such file"), problems("missing", null));
  }

  @Test
  void schemaProblemsAllAtOnce() {
    assertEquals(expect("many_errors",
            "/colour: unknown key; allowed: [$schema, claims, description, evaluation, factors, model, profiles, report, "
                + "root_seed, seeds, sweep, task, training, variants]",
            "/evaluation: required key is missing",
            "/model/cell/type: \"lstn\" is not one of [elman, gru, lstm]",
            "/model/hidden_size: 0 must be >= 1",
            "/model/weight_init/gain: -1 must be > 0",
            "/report/lower_is_better: \"yes\" is not a boolean",
            "/report/main_metric: required key is missing",
            "/seeds: 0 must be >= 1",
            "/task/seq_len: 1 must be >= 2",
            "/training/batch_size: \"32\" is not an integer",
            "/training/clipping/norm: unknown key; allowed: [calibration_updates, max_norm, type]",
            "/training/lr: unknown key; allowed: [batch_size, callbacks, checkpoint_every, clipping, keep_model, "
                + "optimizer, steps, train_size, "
                + "truncation, type]",
            "/training/optimizer/lr: required key is missing",
            "/training/steps: 1.5 is not an integer"),
        problems("many_errors", null));
  }

  @Test
  void sweepAndClaimReferences() {
    assertEquals(expect("bad_refs",
            "/claims/0/variant: \"gru\" is not one of [rnn, lstm]",
            "/claims/1/where/model.hidden_size: not a sweep key; sweep keys: [task.seq_len, task.seq_lne, "
                + "model.cell.forget_bias, training.batch_size]",
            "/claims/1/where/task.seq_len: 200 is not one of the swept values [50, 100]",
            "/sweep/model.cell.forget_bias: /model/cell/forget_bias: unknown key; allowed: [nonlinearity, norm, type] "
                + "(variant rnn)",
            "/sweep/seeds: not a setting; sweep keys are task, model, training, evaluation or dotted paths into them, "
                + "e.g. training.optimizer.lr",
            "/sweep/task.seq_lne: /task/seq_lne: unknown key; allowed: [seq_len, type, variant]",
            "/sweep/training.batch_size: /training/batch_size: \"big\" is not an integer"),
        problems("bad_refs", null));
  }

  @Test
  void resolvedVariantsAndProfiles() {
    assertEquals(expect("bad_variants",
            "/profiles: no profile \"cj\"; profiles: [ci, fast]",
            "/profiles/ci/training/steps: 0 must be >= 1",
            "/profiles/fast/training/stepz: unknown key; allowed: [batch_size, callbacks, checkpoint_every, clipping, "
                + "keep_model, optimizer, steps, "
                + "train_size, truncation, type]",
            "/variants/Big: invalid name; names must match [a-z0-9_-]+",
            "/variants/Big/modle: unknown key; allowed: [evaluation, model, task, training]",
            "/variants/halves/task: adding variant halves needs an even seq_len, got 101",
            "/variants/keeps_alpha/training/optimizer/alpha: unknown key; allowed: [lr, momentum, momentum_warmup, momentum_warmup_updates, nesterov, type]",
            "/variants/sgd/training/optimizer/lr: required key is missing",
            "/variants/typo/model/cell/type: \"elmn\" is not one of [elman, gru, lstm]"),
        problems("bad_variants", "cj"));
  }

  @Test
  void recordChecksBeyondTheSchemaAreReportedPerSweepValueAlongsideSchemaProblems() {
    assertEquals(expect("swept_check",
            "/sweep/task.seq_len: /task: adding variant halves needs an even seq_len, got 101 (variant halves)",
            "/training/steps: \"10\" is not an integer"),
        problems("swept_check", null));
    assertEquals(expect("valid", "/profiles: no profile \"cj\"; profiles: [ci]"), problems("valid", "cj"));
  }

  @Test
  void numbersTooLargeForJava() {
    assertEquals(expect("overflow",
            "/model/hidden_size: Numeric value (99999999999) out of range of int (-2147483648 - 2147483647)",
            "/root_seed: 99999999999999999999 must be <= 9223372036854775807"),
        problems("overflow", null));
  }
}
