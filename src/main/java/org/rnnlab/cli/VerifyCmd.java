package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.report.ClaimResult;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Run the ci profile of the named experiments (default: every experiment that has one); check its "
        + "claims and that its numbers equal experiments/expected/ bit for bit. Unnamed experiments without the "
        + "profile are listed as skipped; a named one without it is an error.")
final class VerifyCmd implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "NAME", description = "Experiments to verify (names under experiments/); "
      + "default: all.")
  List<String> names;

  @Option(names = "--update", description = "Rewrite expected files whose numbers changed instead of comparing.")
  boolean update;

  @Mixin
  Jobs jobs;

  @Option(names = "--profile", defaultValue = "ci", description = "Profile to verify (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--offline", description = "Never fetch: a dataset an experiment needs that is not in data/ is an "
      + "error (by default it is fetched first, pinned and checked).")
  boolean offline;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Verifier verifier = new Verifier(Project.experiments().resolve("expected"), Main.OUT);
    List<String> problems = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int verified = 0;
    int jobCount = jobs.value();
    for (Path f : specs()) {
      String name = f.getFileName().toString().replaceFirst("\\.json$", "");
      if (!Profiles.of(f).contains(profile)) {
        skipped.add(name);
        continue;
      }
      ExperimentPlan plan = DataNeeds.plan(f, profile, offline, Main.ERR);
      Main.OUT.println("verify " + plan.name() + " (profile " + profile + ", " + plan.trials().size() + " trials)");
      if (RunCmd.run(plan, jobCount, true) != 0) {
        problems.add(plan.name() + ": some trials failed to run");
        continue;
      }
      List<ClaimResult> claims = ReportCmd.write(plan);
      problems.addAll(verifier.check(plan, claims, Project.resultsDir(plan), update));
      verified++;
    }
    if (!skipped.isEmpty()) {
      Main.OUT.println("verify: skipped (no " + profile + " profile): " + String.join(", ", skipped));
    }
    problems.forEach(p -> Main.ERR.println("verify: " + p));
    Main.OUT.println(problems.isEmpty() ? "verify: " + verified + " experiment" + (verified == 1 ? "" : "s")
        + " reproduced" : "verify: " + problems.size() + " problem(s)");
    return problems.isEmpty() ? 0 : 1;
  }

  /**
   * The spec files to verify: every one under experiments/, or those named (in the order given, each
   * once), all checked before anything runs. A named experiment must have the profile: verifying one
   * that cannot be verified is a mistake, not a skip.
   */
  private List<Path> specs() throws IOException {
    if (names == null || names.isEmpty()) {
      return Project.specFiles();
    }
    List<Path> out = new ArrayList<>();
    for (String n : names) {
      if (n.endsWith(".json") || n.contains("/")) {
        throw new Main.UsageError("verify takes experiment names (under experiments/), got " + n
            + ": its expected numbers are experiments/expected/NAME." + profile + ".json");
      }
      Path f = Project.specFile(n);
      if (!Profiles.of(f).contains(profile)) {
        throw new Main.UsageError(n + " has no " + profile + " profile (" + Outcome.shown(f) + " /profiles); add one "
            + "(docs/spec-format.md, \"Profiles\") or verify another profile with --profile");
      }
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }
}
