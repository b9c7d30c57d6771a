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

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Run the ci profile of every experiment that has one; check its claims and that its numbers equal "
        + "experiments/expected/ bit for bit. Experiments without the profile are listed as skipped.")
final class VerifyCmd implements Callable<Integer> {
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
    for (Path f : Project.specFiles()) {
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
}
