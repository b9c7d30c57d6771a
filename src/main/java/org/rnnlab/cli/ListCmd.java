package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments and their trial counts.")
final class ListCmd implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    Planner planner = Planner.standard().withoutDataChecks();
    for (Path f : Project.specFiles()) {
      ExperimentPlan p = planner.plan(f);
      String name = f.getFileName().toString().replace(".json", "");
      Main.OUT.printf("%-24s %4d trials  %s%n", name, p.trials().size(), firstSentence(p.description()));
    }
    return 0;
  }

  private static String firstSentence(String s) {
    int i = s.indexOf(". ");
    return i < 0 ? s : s.substring(0, i + 1);
  }
}
