package org.rnnlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;

/**
 * Evaluates an experiment's claims against its results. A claim names a variant (or none, for
 * all), a partial sweep point, a metric, a statistic, an operator and a threshold; the
 * statistic is taken over the ok seeds of every matching group pooled together. Diverged seeds
 * are excluded, like in the summary, and the detail says how many were.
 */
public final class Claims {
  private Claims() {}

  /** Reads the results of {@code plan}'s trials in {@code resultsDir} and evaluates its claims, in spec order. */
  public static List<ClaimResult> evaluate(PlanRecord plan, Path resultsDir) throws IOException {
    return evaluate(ResultsReader.read(plan, new ResultsStore(resultsDir)));
  }

  static List<ClaimResult> evaluate(Results results) {
    List<ClaimResult> out = new ArrayList<>();
    for (Experiment.Claim claim : results.experiment().claims()) {
      out.add(evaluate(claim, results));
    }
    return out;
  }

  static ClaimResult evaluate(Experiment.Claim claim, Results results) {
    List<String> groups = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      boolean variantMatches = claim.variant() == null || claim.variant().equals(g.variant());
      if (variantMatches && g.point().matches(claim.where())) {
        groups.add(g.label());
      }
    }
    if (groups.isEmpty()) {
      return fail(claim, "no group matches " + selector(claim));
    }
    if (!Stats.isKnown(claim.statistic())) {
      return fail(claim, "unknown statistic \"" + claim.statistic() + "\"");
    }
    if (!isKnownOp(claim.op())) {
      return fail(claim, "unknown operator \"" + claim.op() + "\"");
    }
    if (Double.isNaN(claim.value())) {
      return fail(claim, "the claim has no numeric value");
    }
    double[] values = results.okValues(groups, claim.metric());
    int diverged = 0;
    for (String g : groups) {
      diverged += results.count(g, TrialRow.DIVERGED);
    }
    String of =
        " of " + String.join("; ", groups)
            + (diverged > 0 ? " (" + diverged + " diverged excluded)" : "");
    if (values.length == 0) {
      return fail(claim, "no ok seed with a finite " + claim.metric() + of);
    }
    String over = "over " + values.length + " ok seed" + (values.length == 1 ? "" : "s") + of;
    double measured = Stats.statistic(claim.statistic(), values);
    boolean passed = holds(measured, claim.op(), claim.value());
    String detail =
        claim.statistic() + " " + claim.metric() + " = " + Num.show(measured, 6) + " " + over
            + "; required " + claim.op() + " " + Num.show(claim.value(), 6);
    return new ClaimResult(claim.text(), passed, measured, detail);
  }

  private static ClaimResult fail(Experiment.Claim claim, String why) {
    return new ClaimResult(claim.text(), false, Double.NaN, why);
  }

  private static String selector(Experiment.Claim claim) {
    String variant = claim.variant() == null ? "any variant" : "variant " + claim.variant();
    return claim.where().isEmpty() ? variant : variant + " at " + claim.where().label();
  }

  private static boolean isKnownOp(String op) {
    return switch (op) {
      case "<", "<=", ">", ">=", "==", "!=" -> true;
      default -> false;
    };
  }

  /** Whether {@code measured op value}; NaN never satisfies a claim. */
  static boolean holds(double measured, String op, double value) {
    if (Double.isNaN(measured)) {
      return false;
    }
    return switch (op) {
      case "<" -> measured < value;
      case "<=" -> measured <= value;
      case ">" -> measured > value;
      case ">=" -> measured >= value;
      case "==" -> measured == value;
      case "!=" -> measured != value;
      default -> false;
    };
  }
}
