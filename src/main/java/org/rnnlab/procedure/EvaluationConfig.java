package org.rnnlab.procedure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.Measures;

/**
 * The "evaluation" section: which sets a trial is measured on, and how often during training.
 * The test set's metrics are named plainly ({@code mse}); every other set's carry its name
 * ({@code validation.mse}, {@code long.mse}).
 */
public record EvaluationConfig(
    @OptionalKey @Hyper(doc = "Measure the tracked sets every this many updates (and at the start and the end); "
        + "absent: at the start and the end only.", min = 1) Integer every,
    @OptionalKey @Hyper(doc = "Test sequences: a generated task draws this many once per trial; a dataset takes the "
        + "first this many of its test split; absent: the whole split (datasets only).", min = 1) Integer testSize,
    @OptionalKey @Hyper(doc = "Validation sequences, likewise; absent: a generated task has no validation set "
        + "(unless tracked), a dataset uses its whole validation split.", min = 1) Integer validationSize,
    @Hyper(doc = "Sets measured during training, into the learning curves: test, validation or names of sets.",
        defaultValue = "[\"test\"]") List<String> track,
    @Hyper(doc = "Further named evaluation sets, measured at the end (and during training if tracked).",
        defaultValue = "{}") Map<String, EvaluationSet> sets) {
  /** The plain test set. */
  public static final String TEST = Measures.TEST;
  /** The validation split. */
  public static final String VALIDATION = Measures.VALIDATION;

  public EvaluationConfig {
    track = track == null ? List.of(TEST) : List.copyOf(track);
    sets = sets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    for (String name : sets.keySet()) {
      if (!name.matches("[a-z0-9_-]+") || name.equals(TEST) || name.equals(VALIDATION)) {
        throw new IllegalArgumentException("set name \"" + name + "\" must match [a-z0-9_-]+ and not be test or "
            + "validation");
      }
    }
    for (String t : track) {
      if (!t.equals(TEST) && !t.equals(VALIDATION) && !sets.containsKey(t)) {
        throw new IllegalArgumentException("track names \"" + t + "\", which is not test, validation or one of the "
            + "sets " + sets.keySet());
      }
    }
    if (track.size() != track.stream().distinct().count()) {
      throw new IllegalArgumentException("track lists a set twice: " + track);
    }
  }

  /** Whether the validation set is measured: given a size or tracked. */
  public boolean hasValidation() {
    return validationSize != null || track.contains(VALIDATION);
  }

  /** Every set measured, in order: test, validation (if any), then the named sets. */
  public List<String> setNames() {
    List<String> out = new java.util.ArrayList<>();
    out.add(TEST);
    if (hasValidation()) {
      out.add(VALIDATION);
    }
    out.addAll(sets.keySet());
    return out;
  }

  /** A metric of {@code set} as it is named in curves and final metrics: plain for test, else "set.metric". */
  public static String metricName(String set, String metric) {
    return Measures.ofSet(set, metric);
  }

  /** The sizes a generated task needs (a dataset has its splits), with JSON pointers. */
  public List<ConfigProblem> check(TrialConfig config) {
    List<ConfigProblem> out = new java.util.ArrayList<>();
    if (!config.task().fixedSplits()) {
      if (testSize == null) {
        out.add(new ConfigProblem("/evaluation/test_size", "a generated task needs test_size (how many test "
            + "sequences to draw)"));
      }
      if (track.contains(VALIDATION) && validationSize == null) {
        out.add(new ConfigProblem("/evaluation/validation_size", "a generated task with a tracked validation set "
            + "needs validation_size"));
      }
    }
    sets.forEach((name, set) -> {
      if (!set.task().fixedSplits() && set.size() == null) {
        out.add(new ConfigProblem("/evaluation/sets/" + name + "/size", "a generated task needs the set's size"));
      }
    });
    return out;
  }
}
