package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnlab.report.Reporter;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.run.Verifier;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.SchemaGenerator;
import org.rnnlab.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code rnnlab} command: list, validate, run, report and verify experiments. */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, version = "rnnlab 0.1",
    description = "Reproducible experiments on recurrent neural networks.",
    subcommands = {Main.ListCmd.class, Main.ValidateCmd.class, Main.RunCmd.class, Main.ReportCmd.class,
        Main.VerifyCmd.class, Main.SchemaCmd.class})
public final class Main implements Callable<Integer> {
  static final Path EXPERIMENTS = Path.of("experiments");
  static final Path RESULTS = Path.of("results");
  static final Path REPORTS = Path.of("reports");
  static final PrintStream OUT = System.out;
  static final PrintStream ERR = System.err;

  /** Runs the command line and exits with its status (2 for invalid input). */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status: 0 ok, 1 failure, 2 invalid input. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SpecException se) {
        se.lines().forEach(ERR::println);
        return 2;
      }
      ERR.println("rnnlab: " + e);
      e.printStackTrace(ERR);
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(OUT);
    return 0;
  }

  static List<Path> specFiles() throws IOException {
    try (Stream<Path> s = Files.list(EXPERIMENTS)) {
      return s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("schema.json"))
          .sorted().toList();
    }
  }

  static Path specFile(String name) {
    Path p = name.endsWith(".json") ? Path.of(name) : EXPERIMENTS.resolve(name + ".json");
    if (!Files.isRegularFile(p)) {
      throw new SpecException(List.of(p + ": no such experiment spec (see `./rnnlab list`)"));
    }
    return p;
  }

  /** The profile names a spec declares (it parsed already, so errors are not expected here). */
  static List<String> profiles(Path spec) {
    try {
      List<String> names = new ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(spec.toFile()).path("profiles").fieldNames()
          .forEachRemaining(names::add);
      return names;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int defaultJobs() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments and their profiles.")
  static final class ListCmd implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      Planner planner = Planner.standard();
      for (Path f : specFiles()) {
        ExperimentPlan p = planner.plan(f);
        String name = f.getFileName().toString().replace(".json", "");
        OUT.printf("%-24s %4d cells  %s%n", name, p.cells().size(), firstSentence(p.description()));
      }
      return 0;
    }

    private static String firstSentence(String s) {
      int i = s.indexOf(". ");
      return i < 0 ? s : s.substring(0, i + 1);
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check spec files (every profile) without running anything; one line per problem, exit 2 if any.")
  static final class ValidateCmd implements Callable<Integer> {
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
          for (String profile : profiles(f)) {
            planner.plan(f, profile);
          }
          OUT.printf("%s: ok (%d cells)%n", f, p.cells().size());
        } catch (SpecException e) {
          problems.addAll(e.lines());
        }
      }
      problems.forEach(ERR::println);
      return problems.isEmpty() ? 0 : 2;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run an experiment's cells (skipping those already done) into results/NAME[.PROFILE]/.")
  static final class RunCmd implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Experiment name (file stem under experiments/) or spec path.")
    String name;

    @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
    String profile;

    @Option(names = "--jobs", description = "Cells run in parallel (default: all cores). Numbers do not depend on it.")
    Integer jobs;

    @Option(names = "--force", description = "Rerun cells that are already done.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      ExperimentPlan plan = Planner.standard().plan(specFile(name), profile);
      return run(plan, jobs, force, "make experiment NAME=" + plan.name() + (profile == null ? "" : " PROFILE=" + profile));
    }

    static int run(ExperimentPlan plan, Integer jobs, boolean force, String command) throws IOException {
      ExperimentRunner.Summary s = new ExperimentRunner(RESULTS, jobs == null ? defaultJobs() : jobs, force, ERR)
          .run(plan, command);
      OUT.printf("%s: ran %d, skipped %d (already done), diverged %d, failed %d%n", s.resultsDir(), s.ran(),
          s.skipped(), s.diverged(), s.failures().size());
      s.failures().forEach(f -> ERR.println("failed: " + f));
      return s.failures().isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Write reports/NAME[.PROFILE]/ (tables, charts, README.md, index.html) from results/.")
  static final class ReportCmd implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Experiment name.")
    String name;

    @Option(names = "--profile", description = "The profile whose results to report.")
    String profile;

    @Override
    public Integer call() throws IOException {
      String key = profile == null ? name : name + "." + profile;
      Path results = RESULTS.resolve(key);
      if (!Files.isDirectory(results)) {
        ERR.println(results + ": no results; run `make experiment NAME=" + name
            + (profile == null ? "" : " PROFILE=" + profile) + "` first");
        return 2;
      }
      Reporter.write(results, REPORTS.resolve(key));
      Reporter.writeIndex(REPORTS);
      OUT.println("wrote " + REPORTS.resolve(key).resolve("index.html") + " and README.md");
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Run every experiment's ci profile; check its claims and that its numbers equal "
          + "experiments/expected/ bit for bit.")
  static final class VerifyCmd implements Callable<Integer> {
    @Option(names = "--update", description = "Rewrite experiments/expected/ instead of comparing.")
    boolean update;

    @Option(names = "--jobs", description = "Cells run in parallel (default: all cores).")
    Integer jobs;

    @Option(names = "--profile", defaultValue = "ci", description = "Profile to verify (default: ${DEFAULT-VALUE}).")
    String profile;

    @Override
    public Integer call() throws IOException {
      Planner planner = Planner.standard();
      Verifier verifier = new Verifier(EXPERIMENTS.resolve("expected"), OUT);
      List<String> problems = new ArrayList<>();
      for (Path f : specFiles()) {
        ExperimentPlan plan = planner.plan(f, profile);
        OUT.println("verify " + plan.name() + " (profile " + profile + ", " + plan.cells().size() + " cells)");
        int rc = RunCmd.run(plan, jobs, true, "make verify");
        if (rc != 0) {
          problems.add(plan.name() + ": some cells failed to run");
          continue;
        }
        Path results = ExperimentRunner.resultsDir(RESULTS, plan);
        Reporter.write(results, REPORTS.resolve(results.getFileName()));
        problems.addAll(verifier.check(plan, results, update));
      }
      problems.forEach(p -> ERR.println("verify: " + p));
      OUT.println(problems.isEmpty() ? "verify: all experiments reproduced" : "verify: " + problems.size() + " problem(s)");
      return problems.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "schema", mixinStandardHelpOptions = true,
      description = "Print the JSON Schema of spec files (experiments/schema.json is generated with it).")
  static final class SchemaCmd implements Callable<Integer> {
    @Override
    public Integer call() {
      OUT.print(SchemaGenerator.generate());
      return 0;
    }
  }
}
