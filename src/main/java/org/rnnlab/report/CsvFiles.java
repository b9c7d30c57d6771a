package org.rnnlab.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rnnlab.results.AtomicWrite;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.TrialArchive;

/** The report's machine-readable tables. Empty cells mean "undefined" (e.g. sd for n = 1). */
final class CsvFiles {
  static final String SUMMARY = "summary.csv";
  /** Compressed: a curve per trial and metric runs to megabytes of text at a few hundred trials. */
  static final String CURVES = "curves.csv.xz";
  static final String TESTS = "tests.csv";
  static final String DIVERGED = "diverged.csv";
  static final String TRIALS = "trials.csv";

  private CsvFiles() {}

  /** {@code summary.csv}: one row per group and final metric. */
  static void writeSummary(Path file, List<Summary.Row> rows) throws IOException {
    write(
        file,
        List.of("group", "metric", "n", "mean", "sd", "t95_low", "t95_high", "median", "q1", "q3", "min", "max",
            "unmeasured"),
        out -> {
          for (Summary.Row r : rows) {
            Stats s = r.stats();
            out.printRecord(
                r.group(), r.metric(), s.n(), Num.csvOrEmpty(s.mean()), Num.csvOrEmpty(s.sd()),
                Num.csvOrEmpty(s.ciLow()), Num.csvOrEmpty(s.ciHigh()), Num.csvOrEmpty(s.median()),
                Num.csvOrEmpty(s.q1()), Num.csvOrEmpty(s.q3()), Num.csvOrEmpty(s.min()),
                Num.csvOrEmpty(s.max()), r.unmeasured());
          }
        });
  }

  /** {@code curves.csv.xz}: every evaluation of every trial with a result, tidy, xz-compressed. */
  static void writeCurves(Path file, Results results) throws IOException {
    write(
        file, true,
        List.of("group", "seed", "step", "metric", "value"),
        out -> {
          for (TrialRow c : results.trials()) {
            for (CurveRow r : results.curves().getOrDefault(c.trial(), List.of())) {
              out.printRecord(c.group(), c.seedIndex(), r.step(), r.metric(), Num.csv(r.value()));
            }
          }
        });
  }

  /** {@code tests.csv}: the Welch t-tests. */
  static void writeTests(Path file, List<WelchTests.Comparison> tests) throws IOException {
    write(
        file,
        List.of("group_a", "group_b", "metric", "n_a", "n_b", "mean_a", "mean_b", "t", "df", "p", "median_a",
            "median_b", "u", "p_u"),
        out -> {
          for (WelchTests.Comparison t : tests) {
            out.printRecord(
                t.groupA(), t.groupB(), t.metric(), t.nA(), t.nB(), Num.csvOrEmpty(t.meanA()),
                Num.csvOrEmpty(t.meanB()), Num.csvOrEmpty(t.t()), Num.csvOrEmpty(t.df()),
                Num.csvOrEmpty(t.p()), Num.csvOrEmpty(t.medianA()), Num.csvOrEmpty(t.medianB()),
                Num.csvOrEmpty(t.u()), Num.csvOrEmpty(t.pU()));
          }
        });
  }

  /** {@code diverged.csv}: trials excluded from the statistics because training diverged. */
  static void writeDiverged(Path file, Results results) throws IOException {
    write(
        file,
        List.of("group", "trial", "step"),
        out -> {
          for (TrialRow c : results.trials()) {
            if (TrialRow.DIVERGED.equals(c.status())) {
              out.printRecord(
                  c.group(), c.trial(), c.divergedAtStep() == null ? "" : c.divergedAtStep());
            }
          }
        });
  }

  /** {@code trials.csv}: every trial with a result, its seed, status, every final metric, wall time and config. */
  static void writeTrials(Path file, Results results) throws IOException {
    List<String> metrics = results.metricNames();
    List<String> header = new java.util.ArrayList<>(List.of("trial", "group", "variant", "seed_index", "seed",
        "status", "diverged_at_step"));
    header.addAll(metrics);
    header.addAll(List.of("wall_seconds", "config_sha256"));
    write(
        file,
        header,
        out -> {
          for (TrialRow c : results.trials()) {
            List<Object> row = new java.util.ArrayList<>(List.of(c.trial(), c.group(), c.variant(), c.seedIndex(),
                c.seed(), c.status(), c.divergedAtStep() == null ? "" : c.divergedAtStep()));
            for (String m : metrics) {
              row.add(Num.csvOrEmpty(c.metric(m)));
            }
            Double wall = c.provenance().wallSeconds();
            row.add(wall == null ? "" : Num.csv(wall));
            row.add(c.configSha256() == null ? "" : c.configSha256());
            out.printRecord(row);
          }
        });
  }

  private interface Body {
    void print(CSVPrinter out) throws IOException;
  }

  private static void write(Path file, List<String> header, Body body) throws IOException {
    write(file, false, header, body);
  }

  private static void write(Path file, boolean xz, List<String> header, Body body) throws IOException {
    // "\n" rather than the RFC's "\r\n": these files live in git and are diffed.
    CSVFormat format =
        CSVFormat.DEFAULT.builder()
            .setHeader(header.toArray(String[]::new))
            .setRecordSeparator("\n")
            .build();
    StringWriter text = new StringWriter();
    try (CSVPrinter out = new CSVPrinter(text, format)) {
      body.print(out);
    }
    if (xz) {
      AtomicWrite.write(file, TrialArchive.xz(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } else {
      AtomicWrite.writeString(file, text.toString());
    }
  }
}
