package org.rnnlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.data.Datasets;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check spec files (every profile) without running anything; one line per problem, exit 2 if any. "
        + "A dataset not fetched yet is no problem (run fetches it); one fetched but damaged is.")
final class ValidateCmd implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files.")
  List<Path> files;

  @Override
  public Integer call() {
    // Data need not be there to validate a spec (a fresh clone has none); damaged data is still refused below.
    Planner planner = Planner.standard().withoutDataChecks();
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      if (f.getFileName().toString().equals("schema.json")) {
        continue;
      }
      try {
        ExperimentPlan p = planner.plan(f);
        List<String> needed = new ArrayList<>(DataNeeds.of(p));
        for (String profile : Profiles.of(f)) {
          DataNeeds.of(planner.plan(f, profile)).stream().filter(d -> !needed.contains(d)).forEach(needed::add);
        }
        List<String> toFetch = DataNeeds.notFetched(needed);
        List<String> damaged = new ArrayList<>();
        for (String d : needed) {
          String why = toFetch.contains(d) ? null : Datasets.missing(d);
          if (why != null) {
            damaged.add(f + ": /task: " + why);
          }
        }
        if (!damaged.isEmpty()) {
          problems.addAll(damaged);
          continue;
        }
        Main.OUT.printf("%s: ok (%d trials%s)%n", f, p.trials().size(), toFetch.isEmpty() ? ""
            : "; needs dataset" + (toFetch.size() == 1 ? " " : "s ") + String.join(", ", toFetch)
            + ", not fetched yet: run fetches " + (toFetch.size() == 1 ? "it" : "them"));
      } catch (SpecException e) {
        problems.addAll(e.lines());
      }
    }
    problems.forEach(Main.ERR::println);
    return problems.isEmpty() ? 0 : 2;
  }
}
