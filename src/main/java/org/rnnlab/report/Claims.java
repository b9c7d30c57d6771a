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
 * statistic is taken over the ok seeds of every matching group pooled together. Diverged seeds,
 * and ok seeds without a finite value of the metric, are excluded, like in the summary, and the
 * detail says how many were. A claim whose groups (or reference groups) have no trial with a
 * result at all is not evaluated rather than failed: there is nothing to judge yet.
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

  /** The labels of the groups of {@code variant} (null: any) at points matching {@code where}. */
  private static List<String> groups(Results results, String variant, Point where) {
    List<String> groups = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      if ((variant == null || variant.equals(g.variant())) && g.point().matches(where)) {
        groups.add(g.label());
      }
    }
    return groups;
  }

  static ClaimResult evaluate(Experiment.Claim claim, Results results) {
    List<String> groups = groups(results, claim.variant(), claim.where());
    if (groups.isEmpty()) {
      return fail(claim, "no group matches " + selector(claim.variant(), claim.where()));
    }
    if (!Stats.isKnown(claim.statistic())) {
      return fail(claim, "unknown statistic \"" + claim.statistic() + "\"");
    }
    if (!isKnownOp(claim.op())) {
      return fail(claim, "unknown operator \"" + claim.op() + "\"");
    }
    Experiment.Reference ref = claim.than();
    double threshold = claim.value();
    String reference = "";
    if (ref != null) {
      List<String> refGroups = groups(results, ref.variant(), ref.where());
      if (refGroups.isEmpty()) {
        return fail(claim, "no group matches the reference " + selector(ref.variant(), ref.where()));
      }
      if (!Stats.isKnown(ref.statistic())) {
        return fail(claim, "unknown statistic \"" + ref.statistic() + "\" of the reference");
      }
      if (noResults(results, refGroups)) {
        return notEvaluated(claim, "no trial of the reference " + String.join("; ", refGroups) + " has a result");
      }
      double[] refValues = results.okValues(refGroups, ref.metric());
      if (refValues.length == 0) {
        return fail(claim, "no ok seed with a finite " + ref.metric() + " of " + String.join("; ", refGroups));
      }
      double r = Stats.statistic(ref.statistic(), refValues);
      threshold = ref.factor() * r;
      reference = " = " + (ref.factor() == 1.0 ? "" : Num.show(ref.factor(), 6) + " x ") + ref.statistic() + " "
          + ref.metric() + " " + Num.show(r, 6) + " over " + refValues.length + " ok seed"
          + (refValues.length == 1 ? "" : "s") + " of " + String.join("; ", refGroups);
    } else if (Double.isNaN(claim.value())) {
      return fail(claim, "the claim has no numeric value");
    }
    if (noResults(results, groups)) {
      return notEvaluated(claim, "no trial of " + String.join("; ", groups) + " has a result");
    }
    double[] values = results.okValues(groups, claim.metric());
    int diverged = 0;
    for (String g : groups) {
      diverged += results.count(g, TrialRow.DIVERGED);
    }
    int unmeasured = results.unmeasured(groups, claim.metric());
    List<String> excluded = new ArrayList<>();
    if (diverged > 0) {
      excluded.add(diverged + " diverged");
    }
    if (unmeasured > 0) {
      excluded.add(unmeasured + " ok seed" + (unmeasured == 1 ? "" : "s") + " without a finite " + claim.metric());
    }
    String of =
        " of " + String.join("; ", groups)
            + (excluded.isEmpty() ? "" : " (" + String.join(", ", excluded) + " excluded)");
    if (values.length == 0) {
      return fail(claim, "no ok seed with a finite " + claim.metric() + of);
    }
    String over = "over " + values.length + " ok seed" + (values.length == 1 ? "" : "s") + of;
    double measured = Stats.statistic(claim.statistic(), values);
    boolean passed = holds(measured, claim.op(), threshold);
    String detail =
        claim.statistic() + " " + claim.metric() + " = " + Num.show(measured, 6) + " " + over
            + "; required " + claim.op() + " " + Num.show(threshold, 6) + reference;
    return new ClaimResult(claim.text(), passed ? ClaimResult.Verdict.PASS : ClaimResult.Verdict.FAIL, measured,
        detail);
  }

  /** Whether no trial of {@code groups} has a result (ok or diverged): every one is missing. */
  private static boolean noResults(Results results, List<String> groups) {
    return results.trials().stream().noneMatch(t -> groups.contains(t.group()));
  }

  private static ClaimResult fail(Experiment.Claim claim, String why) {
    return new ClaimResult(claim.text(), ClaimResult.Verdict.FAIL, Double.NaN, why);
  }

  private static ClaimResult notEvaluated(Experiment.Claim claim, String why) {
    return new ClaimResult(claim.text(), ClaimResult.Verdict.NOT_EVALUATED, Double.NaN, why);
  }

  private static String selector(String variant, Point where) {
    String v = variant == null ? "any variant" : "variant " + variant;
    return where.isEmpty() ? v : v + " at " + where.label();
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
