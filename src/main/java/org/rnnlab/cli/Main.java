package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.cluster.ClusterException;
import org.rnnlab.engine.FmaSupport;
import org.rnnlab.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rnnlab} command: list, validate, plan, run, run-cell, status, report, show, evaluate, sample, compare, verify, data, schema. */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Reproducible experiments on recurrent neural networks.",
    subcommands = {ListCmd.class, ValidateCmd.class, PlanCmd.class, RunCmd.class, RunCellCmd.class, StatusCmd.class,
        ReportCmd.class, ShowCmd.class, EvaluateCmd.class, SampleCmd.class, CompareCmd.class, VerifyCmd.class, DataCmd.class, SchemaCmd.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  /** Where commands print; taken from System.out/err at every {@link #execute} (tests redirect them). */
  static PrintStream OUT = System.out;
  static PrintStream ERR = System.err;
  private static boolean fmaChecked;

  /** Runs the command line and exits with its status (2 for invalid input). */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns its exit status: 0 ok, 1 failure, 2 invalid input. Problems
   * a user can act on are one line each, never a stack trace.
   */
  public static int execute(String... args) {
    OUT = System.out;
    ERR = System.err;
    CommandLine cl = new CommandLine(new Main());
    // wrapped at spaces only (never inside a path), to the terminal's width where the launcher knows it
    HelpWrap.install(cl, helpWidth());
    cl.setParameterExceptionHandler(Main::badArguments);
    if (args.length >= 2 && args[0].equals("help") && !args[1].startsWith("-")
        && !cl.getSubcommands().containsKey(args[1])) {
      // picocli's help command says only "Unknown subcommand"; the same hint as a mistyped command
      ERR.println("rnnlab: unknown command " + args[1] + commandHint(cl, args[1]) + " (see `rnnlab --help`)");
      return 2;
    }
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SpecException se) {
        se.lines().forEach(ERR::println);
        return 2;
      }
      if (e instanceof UsageError u) {
        ERR.println("rnnlab: " + u.getMessage());
        return 2;
      }
      if (e instanceof ClusterException ce) {
        // Slurm's own problems already say "slurm: ..."; a bad option value is the user's, like a UsageError.
        ERR.println(ce.getMessage().startsWith("slurm:") ? ce.getMessage() : "rnnlab: " + ce.getMessage());
        return ce.exitCode();
      }
      if (e instanceof IOException io) {
        ERR.println("rnnlab: " + describe(io));
        return 1;
      }
      if (e instanceof org.rnnlab.data.DatasetException d) {
        // missing, damaged or unparsable data: its one line names the file and the repair
        ERR.println("rnnlab: " + d.getMessage());
        return 1;
      }
      if (e instanceof InterruptedException) {
        ERR.println("rnnlab: interrupted");
        return 130;
      }
      ERR.println("rnnlab: internal error: " + e);
      e.printStackTrace(ERR);
      return 1;
    });
    return cl.execute(args);
  }

  /**
   * A command-line mistake: one line saying what was wrong, the closest known subcommand or option
   * ("did you mean"), and where the help is; exit 2.
   */
  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String message = e.getMessage();
    String hint = "";
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String typed = u.getUnmatched().get(0);
      if (typed.startsWith("-")) {
        String bare = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        message = "unknown option " + typed;
        hint = Suggest.didYouMean(bare, cmd.getCommandSpec().optionsMap().keySet());
      } else if (cmd.getSubcommands().isEmpty()) {
        message = "unknown argument " + typed;
      } else {
        message = "unknown command " + typed;
        hint = commandHint(cmd, typed);
      }
    }
    ERR.println("rnnlab: " + message + hint + " (see `" + cmd.getCommandSpec().qualifiedName() + " --help`)");
    return 2;
  }

  /**
   * "; did you mean X?" for a mistyped subcommand of {@code cmd}, else the list of its subcommands
   * (those a user types: not run-trial, the alias Slurm's array tasks call).
   */
  private static String commandHint(CommandLine cmd, String typed) {
    List<String> names = cmd.getSubcommands().keySet().stream().filter(k -> !k.equals("run-trial")).toList();
    String hint = Suggest.didYouMean(typed, names);
    return hint.isEmpty() ? "; commands: " + String.join(", ", names) : hint;
  }

  /** One line for an I/O problem: the file and the reason, as a user would want it. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + ": no such file or directory" + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof FileSystemException f && f.getFile() != null && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  /** The help's width: the terminal's columns (the launcher passes them), else 100. */
  private static int helpWidth() {
    try {
      return Math.max(60, Integer.parseInt(System.getProperty("rnnlab.columns", "100")));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** Says once per process, before compute, that FMA runs in software, if it does. */
  static void checkFma() {
    if (!fmaChecked) {
      fmaChecked = true;
      String w = FmaSupport.warning();
      if (w != null) {
        ERR.println(w);
      }
    }
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(OUT);
    return 0;
  }

  /** "rnnlab VERSION", the pom's project version (version.properties, filled in by the build). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      java.util.Properties p = new java.util.Properties();
      try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          throw new IOException("version.properties is missing from the build (rebuild with make build)");
        }
        p.load(in);
      }
      return new String[] {"rnnlab " + p.getProperty("version")};
    }
  }

  /** A command-line mistake: one line, exit 2. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }
}
