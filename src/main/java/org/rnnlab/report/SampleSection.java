package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.results.TextRow;

/**
 * The report's "Samples" section: what each variant's first seed wrote as it learned (the samples
 * callback's texts), at several temperatures with the model's own bits per token, and by beam search.
 * Absent when no trial recorded texts.
 */
final class SampleSection {
  /** Text names the samples callback records (procedure.bptt.callbacks.TextSamples; report reads results only). */
  static final String DURING_TRAINING = "sample";
  static final String AT_TEMPERATURE = "temperature";
  static final String BEAM = "beam";
  /** Characters of a sample shown in a table cell. */
  static final int CELL_CHARS = 160;

  private SampleSection() {}

  /** Whether trial {@code t} recorded language-model samples (other texts, e.g. attention maps' symbols, are not). */
  private static boolean hasSamples(Results results, TrialRow t) {
    return results.texts().getOrDefault(t.trial(), List.of()).stream()
        .anyMatch(r -> r.name().equals(DURING_TRAINING) || r.name().equals(AT_TEMPERATURE) || r.name().equals(BEAM));
  }

  static void add(Doc doc, Results results) {
    List<TrialRow> shown = new ArrayList<>();
    List<String> titles = new ArrayList<>(); // each shown trial's group in words
    for (Experiment.Group g : results.groups()) {
      results.trialsOf(g.label()).stream().filter(t -> t.isOk() && hasSamples(results, t))
          .findFirst().ifPresent(t -> {
            shown.add(t);
            titles.add(Labels.group(g));
          });
    }
    if (shown.isEmpty()) {
      return;
    }
    Experiment e = results.experiment();
    doc.heading(2, "Samples");
    doc.paragraph("What the models write, from the first seed with results of each group: samples after a share of "
        + "the updates, always from the same prime, temperature and sampling seed; samples of the final model at "
        + "several temperatures with their bits per token under the model itself (lower: more probable to the "
        + "model) and the share of their 4-grams that are distinct (higher: more varied); and the best continuation "
        + "beam search finds per beam width (summed natural-log probability, not length-normalised). A sample of "
        + "the final model is made again from the trial's stored model, with the prime, temperature, seed and "
        + "length of the callback (training.callbacks.samples):");
    doc.code("./rnnlab sample " + e.name() + " TRIAL" + (e.profile() == null || e.profile().isEmpty() ? ""
        : " --profile " + e.profile()) + " --prime P --temperature T --seed S --length N");
    for (int i = 0; i < shown.size(); i++) {
      TrialRow t = shown.get(i);
      List<TextRow> texts = results.texts().get(t.trial());
      doc.heading(3, titles.get(i) + " (trial " + t.trial() + ")");
      for (TextRow r : texts) {
        if (r.name().equals(DURING_TRAINING)) {
          doc.paragraph(String.format(Locale.ROOT, "After %,d updates (%s of training), temperature %s:", r.step(),
              percent(r.value("fraction")), plain(r.value("temperature"))));
          doc.code(r.text());
        }
      }
      List<List<String>> temps = new ArrayList<>();
      for (TextRow r : texts) {
        if (r.name().equals(AT_TEMPERATURE)) {
          temps.add(List.of(plain(r.value("temperature")), Num.sig(r.value("bits_per_token")),
              Num.sig(r.value("distinct_4grams")), cell(r.text())));
        }
      }
      if (!temps.isEmpty()) {
        doc.table(List.of("Temperature", "Bits/token (model)", "Distinct 4-grams", "Sample (start)"), temps, "rrrl");
      }
      List<List<String>> beams = new ArrayList<>();
      for (TextRow r : texts) {
        if (r.name().equals(BEAM)) {
          beams.add(List.of(String.format(Locale.ROOT, "%d", (long) r.value("beam")),
              Num.show(r.value("log_probability")), cell(r.text())));
        }
      }
      if (!beams.isEmpty()) {
        doc.table(List.of("Beam width", "Log-probability", "Best continuation"), beams, "rrl");
      }
    }
  }

  private static String percent(double fraction) {
    double p = 100 * fraction;
    return (p == Math.rint(p) ? plain(p) : Num.sig(p)) + "%";
  }

  /** A setting as written in a spec: 0.8, 1, 12.5. */
  static String plain(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** A text for one table cell: line breaks shown as ⏎, cut at {@link #CELL_CHARS} characters. */
  static String cell(String text) {
    String one = text.replace("\r\n", "\n").replace("\n", " ⏎ ");
    int cut = one.offsetByCodePoints(0, Math.min(CELL_CHARS, one.codePointCount(0, one.length())));
    return cut < one.length() ? one.substring(0, cut) + " …" : one;
  }
}
