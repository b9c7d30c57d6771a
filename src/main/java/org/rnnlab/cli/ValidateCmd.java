package org.rnnlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check spec files (every profile) without running anything; one line per problem, exit 2 if any.")
final class ValidateCmd implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files.")
  List<Path> files;

  @Override
  public Integer call() {
    Planner planner = Planner.standard();
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      if (f.getFileName().toString().equals("schema.json")) {
        continue;
      }
      try {
        ExperimentPlan p = planner.plan(f);
        for (String profile : Profiles.of(f)) {
          planner.plan(f, profile);
        }
        Main.OUT.printf("%s: ok (%d trials)%n", f, p.trials().size());
      } catch (SpecException e) {
        problems.addAll(e.lines());
      }
    }
    problems.forEach(Main.ERR::println);
    return problems.isEmpty() ? 0 : 2;
  }
}
